package io.namspill.snapshot;

/**
 * Identifies a task across snapshots. Linux reuses tids, so the tid alone is not enough: the
 * start time (field 22 of {@code /proc/self/task/<tid>/stat}, in clock ticks since boot) tells a
 * reused tid from the task that had it before.
 *
 * @param tid the Linux thread id
 * @param startTime the task's start time in clock ticks since boot, {@code -1} where unknown
 */
public record TaskId(int tid, long startTime) {
}
