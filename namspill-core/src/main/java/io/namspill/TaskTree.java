package io.namspill;

import java.util.List;

/**
 * One scan's open view of a process's task directory ({@code <procfs>/self/task}): its pid, its
 * tids, the namespace types of its leader, and readers of single tasks. Opened and closed by
 * every {@link TaskScanner#scan()}: nothing read here outlives the scan.
 */
interface TaskTree extends AutoCloseable {

    /** The task directory, for messages: {@code /proc/self/task}. */
    String path();

    /** The process id: the leader's tid. */
    int pid();

    /** Every tid listed, ascending. */
    int[] tids();

    /** The link names of the leader's {@code ns} directory, sorted: new kernel types are kept. */
    List<String> types();

    /**
     * Whether reads are relative to descriptors this tree holds, so that any thread of the
     * process reads the same procfs: only then may readers run on other threads than the
     * scanning one (by path, a thread in another mount namespace could see another procfs).
     */
    default boolean readsByDescriptor() {
        return false;
    }

    /** A reader for one thread; readers of one tree may run in parallel, each on its own thread. */
    Reader reader(ScanContext scan);

    @Override
    void close();

    /** Reads single tasks; not thread-safe. */
    interface Reader extends AutoCloseable {

        /**
         * Reads task {@code tid}: null when it vanished while it was read (never a partial
         * task); throws {@link TaskScanner.UnsupportedProcfs} for a malformed link text.
         */
        Task read(int tid);

        @Override
        void close();
    }
}
