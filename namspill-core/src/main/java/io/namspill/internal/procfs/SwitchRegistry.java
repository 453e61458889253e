package io.namspill.internal.procfs;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which tasks are inside a namespace switch made through {@link io.namspill.Namespaces}: such a task is
 * <em>switched</em>, not leaked.
 *
 * <p>A scan reads the links of thousands of tasks over a few milliseconds, while a switch can
 * start and end in between. Checking "is it switched now?" after the read would call a task
 * that was switched during its read, and restored since, spilled. So every enter and exit
 * stamps the task with a global sequence number: a scan remembers the sequence at its start
 * ({@link #sequence()}), and a task counts as switched when it is inside a switch at the end
 * of the scan, or entered or left one since the scan started.
 */
public final class SwitchRegistry {

    /** The registry that {@link io.namspill.Namespaces} and {@link io.namspill.Namspill#tasks()} share. */
    public static final SwitchRegistry GLOBAL = new SwitchRegistry();

    /** Stale entries are pruned once the map holds more than this many tids. */
    private static final int PRUNE_THRESHOLD = 1024;

    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentMap<Integer, Activity> activities = new ConcurrentHashMap<>();

    /** How deep a task is nested in switches, and the sequence of its last enter or exit. */
    private record Activity(int depth, long stamp) {
    }

    /** Marks {@code tid} as inside a switch; call before the first {@code setns}. */
    public void enter(int tid) {
        activities.compute(tid, (key, old) -> new Activity(old == null ? 1 : old.depth() + 1, sequence.incrementAndGet()));
    }

    /**
     * Marks {@code tid} as out of one switch; call after the restore, also after a failed
     * restore (a poisoned thread is leaked, not switched).
     */
    public void exit(int tid) {
        activities.compute(tid, (key, old) -> new Activity(old == null ? 0 : Math.max(0, old.depth() - 1), sequence.incrementAndGet()));
    }

    /** The current sequence; a scan takes it before it reads the first link. */
    long sequence() {
        return sequence.get();
    }

    /** Whether {@code tid} was inside a switch at any time since {@code scanStart}. */
    boolean wasSwitchedSince(int tid, long scanStart) {
        if (activities.isEmpty()) {
            return false; // the common case; spares boxing the tid for every task of every scan
        }
        Activity activity = activities.get(tid);
        return activity != null && (activity.depth() > 0 || activity.stamp() > scanStart);
    }

    /** Whether {@code tid} is inside a switch right now. */
    boolean isSwitched(int tid) {
        Activity activity = activities.get(tid);
        return activity != null && activity.depth() > 0;
    }

    /**
     * Forgets tasks that left their last switch before {@code scanStart}; keeps the map as
     * small as the number of threads that switch at once.
     */
    void prune(long scanStart) {
        if (activities.size() > PRUNE_THRESHOLD) {
            activities.entrySet().removeIf(e -> e.getValue().depth() == 0 && e.getValue().stamp() <= scanStart);
        }
    }
}
