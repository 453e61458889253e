package io.namspill.snapshot;

import io.namspill.internal.procfs.SnapshotAccess;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of every task of one process and the namespaces each was attached to,
 * as returned by {@link io.namspill.Namspill#tasks()}. Plain data: judging it is {@link io.namspill.report.SpillReport}'s job.
 *
 * <p>Where the platform cannot be read (no procfs, no per-task namespace links, the leader
 * missing, a link text that is not {@code type:[inode]}) the snapshot is <em>unsupported</em>:
 * it holds no tasks and says why in {@link #unsupportedReason()}. It is never silently empty.
 */
public final class TaskSnapshot {

    // A facade, with TaskScanner the only dependencies back into internal.procfs: the readers
    // there make the values of this package through this door and no public constructor.
    static {
        SnapshotAccess.install(new SnapshotAccess() {

            @Override
            public Task task(int tid, long startTime, boolean leader, @Nullable String name, List<String> types,
                    long[] inodes, boolean switched, boolean detailed) {
                return new Task(tid, startTime, leader, name, types, inodes, switched, detailed);
            }

            @Override
            public TaskSnapshot snapshot(long pid, List<String> types, Task[] tasks, Instant takenAt,
                    boolean currentProcess) {
                // The array is the snapshot's from here on: wrapped, not copied again.
                return new TaskSnapshot(pid, types, Collections.unmodifiableList(Arrays.asList(tasks)), takenAt,
                        currentProcess, null);
            }
        });
    }

    private final long pid;
    private final List<String> types;
    private final List<Task> tasks;
    private final Instant takenAt;
    private final boolean currentProcess;
    private final @Nullable String unsupportedReason;

    /** @param tasks unmodifiable, without null, and referenced by nothing that can change it */
    private TaskSnapshot(long pid, List<String> types, List<Task> tasks, Instant takenAt, boolean currentProcess,
            @Nullable String unsupportedReason) {
        this.pid = pid;
        this.types = List.copyOf(types);
        this.tasks = tasks;
        this.takenAt = Objects.requireNonNull(takenAt);
        this.currentProcess = currentProcess;
        this.unsupportedReason = unsupportedReason;
    }

    /** A snapshot that holds no tasks because they could not be read, and says why. */
    public static TaskSnapshot unsupported(String reason, Instant takenAt) {
        return new TaskSnapshot(-1, List.of(), List.of(), takenAt, false, Objects.requireNonNull(reason, "reason"));
    }

    /** Whether the tasks' namespaces could be read; when not, {@link #unsupportedReason()} says why. */
    public boolean isSupported() {
        return unsupportedReason == null;
    }

    /** Why this snapshot holds no tasks; empty when it is supported. */
    public Optional<String> unsupportedReason() {
        return Optional.ofNullable(unsupportedReason);
    }

    /** The process id (the leader's tid), {@code -1} where unsupported. */
    public long pid() {
        return pid;
    }

    /** Every namespace type read, sorted by name, including types this library does not know. */
    public List<String> types() {
        return types;
    }

    /** Every task read, in tid order; tasks that vanished while being read are not here. */
    public List<Task> tasks() {
        return tasks;
    }

    /** The thread-group leader, whose namespaces are the reference; empty where unsupported. */
    public Optional<Task> leader() {
        return tasks.stream().filter(Task::isLeader).findFirst();
    }

    /** When the scan started. */
    public Instant takenAt() {
        return takenAt;
    }

    /**
     * Whether this is a snapshot of the running JVM, so that its tids can be matched with Java
     * threads; false for a snapshot read from a fixture tree or another process.
     */
    public boolean isOfCurrentProcess() {
        return currentProcess;
    }

    @Override
    public String toString() {
        return isSupported()
                ? "TaskSnapshot[pid=" + pid + ", tasks=" + tasks.size() + ", types=" + types + "]"
                : "TaskSnapshot[unsupported: " + unsupportedReason + "]";
    }
}
