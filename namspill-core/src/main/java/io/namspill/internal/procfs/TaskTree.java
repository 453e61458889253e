package io.namspill.internal.procfs;

import io.namspill.snapshot.Task;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One scan's open view of a process's task directory ({@code <procfs>/self/task} or
 * {@code /proc/<pid>/task}): its pid, its tids, the namespace types of its leader, and readers of
 * single tasks. Opened and closed by every scan: nothing read here outlives the scan.
 */
abstract class TaskTree implements AutoCloseable {

    /** The pid that stands for the running process, read through procfs's {@code self} link. */
    static final long SELF = -1;

    /** The task directory, for messages: {@code /proc/self/task}. */
    final String path;
    /** The process id: the leader's tid. */
    final int pid;
    /** Every tid listed, ascending. */
    final int[] tids;
    /** The link names of the leader's {@code ns} directory, sorted: new kernel types are kept. */
    final List<String> types;

    /** What every reader of procfs finds when it opens the task directory. */
    TaskTree(String path, int pid, int[] tids, List<String> types) {
        this.path = path;
        this.pid = pid;
        this.tids = tids;
        this.types = types;
    }

    /**
     * Whether reads are relative to descriptors this tree holds, so that any thread of the
     * process reads the same procfs: only then may readers run on other threads than the
     * scanning one (by path, a thread in another mount namespace could see another procfs).
     */
    boolean readsByDescriptor() {
        return false;
    }

    /** A reader for one thread; readers of one tree may run in parallel, each on its own thread. */
    abstract Reader reader(ScanContext scan);

    @Override
    public abstract void close();

    /** Reads single tasks; not thread-safe. */
    interface Reader extends AutoCloseable {

        /**
         * Reads task {@code tid}: null when it vanished while it was read (never a partial
         * task); throws {@link UnsupportedProcfs} for a malformed link text.
         */
        @Nullable Task read(int tid);

        /**
         * Reads the thread-group leader, before any other task: a reader that compares keeps its
         * links as the reference ({@link #leaderLinks()}). By default, as {@link #read}.
         */
        default @Nullable Task readLeader(int tid) {
            return read(tid);
        }

        /** The leader's links this reader compares with; null where it reads every task whole. */
        default @Nullable LeaderLinks leaderLinks() {
            return null;
        }

        /** Compares the tasks it reads with {@code links}, read by another reader of the same scan. */
        default void compareWith(@Nullable LeaderLinks links) {
        }

        @Override
        void close();
    }
}
