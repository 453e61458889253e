package io.namspill.internal.procfs;

import io.namspill.internal.jvm.VirtualThreads;
import io.namspill.internal.linux.FileCalls;
import io.namspill.snapshot.Task;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A second thread, {@code namspill-scan}, that reads tasks of large scans together with the
 * scanning thread: the reads are system calls that do not contend, so two threads on two cores
 * take about half the time of one.
 *
 * <p>Correctness does not depend on which thread reads: the helper reads only relative to the
 * descriptors the scanning thread opened ({@link NativeTaskTree}), so it sees the procfs the
 * scanning thread resolved, whatever mount namespace either thread is in, and the kernel
 * answers a thread of the same process no matter who asks.
 *
 * <p>The helper must itself never be a spilled task: a new thread inherits the namespaces of
 * the thread that creates it. So it is started only by a platform thread that the scan just
 * found attached to the reference namespace of every type, and only where it can help: at least
 * {@link #MIN_TASKS} tasks and two processors. It is a daemon that parks until a scan offers it work, and does
 * nothing else. While it reads for one scan, a concurrent scan reads alone.
 */
final class ScanHelper {

    /** Below this a scan takes a few milliseconds: not worth a hand-off, nor a thread. */
    static final int MIN_TASKS = 256;

    /**
     * Tasks claimed at a time: small enough to even out the two threads, large enough to claim
     * rarely and to keep each thread on neighbouring tasks (chunks of 4 cost measurably more CPU).
     */
    static final int CHUNK = 16;

    /** The job offered to the helper, null while it waits: a plain slot and an unpark, no queue hand-off. */
    private final AtomicReference<@Nullable Job> offered = new AtomicReference<>();
    private final Thread thread;

    private ScanHelper() {
        // No inherited thread locals, no context class loader: the helper holds nothing of its creator.
        thread = new Thread(null, this::serve, "namspill-scan", 256 * 1024, false);
        thread.setDaemon(true);
        thread.setContextClassLoader(null);
        thread.start();
    }

    /** Where scanners keep their helper, started at most once; the scanners of {@code /proc} share {@link #SHARED}. */
    static final class Slot {

        static final Slot SHARED = new Slot();

        private volatile ScanHelper helper;

        /** The helper for a scan of {@code tasks} tasks of {@code tree}, null where the scan reads alone. */
        ScanHelper forScan(TaskTree tree, int tasks) {
            return tree.readsByDescriptor() && worthwhile(tasks) ? helper : null;
        }

        /**
         * After a scan that read alone: starts the helper from the calling thread if that scan was
         * worth helping and found this thread in the reference namespace of every type.
         */
        void startIfUseful(TaskTree tree, List<Task> tasks, Task leader, int typeCount) {
            // A virtual thread may move between carriers while it starts a thread: it cannot vouch for the creator.
            if (helper != null || !tree.readsByDescriptor() || !worthwhile(tasks.size())
                    || VirtualThreads.isVirtual(Thread.currentThread())) {
                return;
            }
            int tid = FileCalls.gettid();
            for (Task task : tasks) {
                if (task.tid() == tid) {
                    if (sameKnownNamespaces(task, leader, typeCount)) {
                        start();
                    }
                    return;
                }
            }
        }

        /** Starts the helper (once) from the calling thread, which the caller vouches for. */
        synchronized ScanHelper start() {
            if (helper == null) {
                helper = new ScanHelper();
            }
            return helper;
        }

        /** The helper's thread, once started. */
        Optional<Thread> thread() {
            ScanHelper started = helper;
            return started == null ? Optional.empty() : Optional.of(started.thread);
        }
    }

    /**
     * Reads {@code tids} into {@code tasks} (same index, null where a task vanished) together with
     * the helper; false, having read nothing, where the helper is busy with another scan.
     */
    boolean readTogether(TaskTree tree, ScanContext scan, int[] tids, Task[] tasks) {
        try (TaskTree.Reader reader = tree.reader(scan)) {
            return readTogether(tree, scan, tids, tasks, -1, reader);
        }
    }

    /**
     * As {@link #readTogether(TaskTree, ScanContext, int[], Task[])}, but on the caller's
     * {@code reader}, which has read the leader (index {@code skip}, not read again): the
     * helper's reader compares with the same {@linkplain TaskTree.Reader#leaderLinks() links}.
     */
    boolean readTogether(TaskTree tree, ScanContext scan, int[] tids, Task[] tasks, int skip, TaskTree.Reader reader) {
        Job job = new Job(tree, scan, tids, tasks, skip, reader.leaderLinks());
        if (!offered.compareAndSet(null, job)) {
            return false;
        }
        LockSupport.unpark(thread);
        try {
            job.work(reader);
        }
        finally {
            // The tree's descriptors stay open until the helper is done with them.
            job.awaitHelper();
        }
        job.rethrowHelperFailure();
        return true;
    }

    private void serve() {
        while (true) {
            Job job = offered.get();
            if (job == null) {
                LockSupport.park(this);
                continue; // a spurious wake-up, or an interrupt: nobody should, keep serving
            }
            try {
                job.helpOut();
            }
            catch (Throwable e) {
                // a job reports its own failures; the helper itself must outlive anything
            }
            finally {
                offered.set(null);
            }
        }
    }

    private static boolean worthwhile(int tasks) {
        return tasks >= MIN_TASKS && Runtime.getRuntime().availableProcessors() >= 2;
    }

    private static boolean sameKnownNamespaces(Task task, Task leader, int typeCount) {
        for (int i = 0; i < typeCount; i++) {
            OptionalLong mine = task.namespaceAt(i);
            if (mine.isEmpty() || !mine.equals(leader.namespaceAt(i))) {
                return false;
            }
        }
        return true;
    }


    /** One scan shared by the scanning thread and the helper; tasks are claimed in chunks. */
    private static final class Job {

        private static final int OFFERED = 0;
        private static final int RUNNING = 1;
        private static final int DONE = 2;
        private static final int CANCELLED = 3;

        private final TaskTree tree;
        private final ScanContext scan;
        private final int[] tids;
        private final Task[] tasks;
        private final int skip;
        private final @Nullable LeaderLinks leader;
        private final Thread caller = Thread.currentThread();
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger state = new AtomicInteger(OFFERED);
        private volatile Throwable failure;

        Job(TaskTree tree, ScanContext scan, int[] tids, Task[] tasks, int skip, @Nullable LeaderLinks leader) {
            this.tree = tree;
            this.scan = scan;
            this.tids = tids;
            this.tasks = tasks;
            this.skip = skip;
            this.leader = leader;
        }

        /** Claims and reads chunks until none is left or either thread failed. */
        void work(TaskTree.Reader reader) {
            try {
                int start;
                while (failure == null && (start = next.getAndAdd(CHUNK)) < tids.length) {
                    int end = Math.min(start + CHUNK, tids.length);
                    for (int i = start; i < end; i++) {
                        if (i != skip) {
                            tasks[i] = reader.read(tids[i]);
                        }
                    }
                }
            }
            catch (RuntimeException | Error e) {
                failure = e;
                throw e;
            }
        }

        /** On the helper: joins in unless the caller already finished alone. */
        void helpOut() {
            if (!state.compareAndSet(OFFERED, RUNNING)) {
                return;
            }
            try (TaskTree.Reader reader = tree.reader(scan)) {
                reader.compareWith(leader);
                work(reader);
            }
            catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                }
            }
            finally {
                state.set(DONE);
                LockSupport.unpark(caller);
            }
        }

        /** On the caller: returns once the helper will not touch the tree again. */
        void awaitHelper() {
            if (state.compareAndSet(OFFERED, CANCELLED)) {
                return;
            }
            boolean interrupted = false;
            while (state.get() != DONE) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        void rethrowHelperFailure() {
            Throwable e = failure;
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e instanceof Error error) {
                throw error;
            }
        }
    }
}
