package io.namspill.internal.procfs;

import io.namspill.snapshot.Task;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What every task of one scan shares: the pid, the types, and the switch sequence at its start. */
final class ScanContext {

    private final int pid;
    private final List<String> types;
    private final SwitchRegistry switches;
    private final long switchSequence;
    private final boolean detailsOfEveryTask;
    private final SnapshotAccess snapshots = SnapshotAccess.get();

    ScanContext(int pid, List<String> types, SwitchRegistry switches, long switchSequence) {
        this(pid, types, switches, switchSequence, false);
    }

    /** @param detailsOfEveryTask whether readers read name and start time of every task, not only of those a report can flag */
    ScanContext(int pid, List<String> types, SwitchRegistry switches, long switchSequence, boolean detailsOfEveryTask) {
        this.detailsOfEveryTask = detailsOfEveryTask;
        this.pid = pid;
        this.types = types;
        this.switches = switches;
        this.switchSequence = switchSequence;
    }

    List<String> types() {
        return types;
    }

    /** Whether {@code tid} is the thread-group leader, whose namespaces are the reference. */
    boolean isLeader(int tid) {
        return tid == pid;
    }

    /** Whether name and start time are wanted for every task, not only for those a report can flag. */
    boolean detailsOfEveryTask() {
        return detailsOfEveryTask;
    }

    /**
     * A detailed task with {@code inodes} (which the task may share with others, so never change
     * it); {@code startTime} -1 and {@code name} null where their file could not be read.
     */
    Task task(int tid, long startTime, @Nullable String name, long[] inodes) {
        boolean switched = switches.wasSwitchedSince(tid, switchSequence);
        return snapshots.task(tid, startTime, isLeader(tid), name, types, inodes, switched, true);
    }

    /** A task equal to the leader, whose name and start time were not read: no report can flag it. */
    Task undetailedTask(int tid, long[] inodes) {
        boolean switched = switches.wasSwitchedSince(tid, switchSequence);
        return snapshots.task(tid, -1, isLeader(tid), null, types, inodes, switched, false);
    }

    /**
     * Hands out one array per distinct row of inodes: most tasks share their namespaces, and a
     * {@link Task} never changes its array, so equal rows can be one array. Thread-confined, one
     * per reader.
     */
    static final class SharedRows {

        private final long[][] recent = new long[4][];

        /** An array equal to {@code row}: a recent one, or a copy that becomes recent. */
        long[] share(long[] row) {
            for (int i = 0; i < recent.length && recent[i] != null; i++) {
                if (Arrays.equals(recent[i], row)) {
                    return recent[i];
                }
            }
            long[] copy = row.clone();
            System.arraycopy(recent, 0, recent, 1, recent.length - 1);
            recent[0] = copy;
            return copy;
        }
    }
}
