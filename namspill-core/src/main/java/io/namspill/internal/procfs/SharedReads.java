package io.namspill.internal.procfs;

import io.namspill.snapshot.Task;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One scan's task list split over the scanning thread and jobs the caller's {@link Executor}
 * runs: each claims chunks of tasks until none is left. The readers read only relative to the
 * descriptors the scanning thread opened ({@link NativeTaskTree}), so every thread sees the
 * procfs the scanning thread resolved, whatever mount namespace it is in. A job that starts after
 * the scanning thread finished reads nothing; the scan returns once no job touches the tree.
 */
final class SharedReads {

    /**
     * Tasks claimed at a time: small enough to even out the threads, large enough to claim rarely
     * and to keep each thread on neighbouring tasks.
     */
    private static final int CHUNK = 16;

    /** Opens a reader for a job, comparing with the leader's links the scanning thread read. */
    private final Supplier<TaskTree.Reader> readers;
    private final int[] tids;
    private final Task[] tasks;
    private final int skip;
    private final AtomicInteger next = new AtomicInteger();
    private int activeJobs;
    private boolean closed;
    private volatile @Nullable Throwable failure;

    private SharedReads(Supplier<TaskTree.Reader> readers, int[] tids, Task[] tasks, int skip) {
        this.readers = readers;
        this.tids = tids;
        this.tasks = tasks;
        this.skip = skip;
    }

    /**
     * Reads {@code tids} into {@code tasks} (same index, null where a task vanished) on the
     * caller's {@code reader}, which has read the leader (index {@code skip}, not read again),
     * and on up to one job per further processor run by {@code executor}.
     */
    static void readAll(Executor executor, TaskTree tree, ScanContext scan, int[] tids, Task[] tasks, int skip,
            TaskTree.Reader reader) {
        LeaderLinks leader = reader.leaderLinks();
        SharedReads reads = new SharedReads(() -> {
            TaskTree.Reader jobReader = tree.reader(scan);
            jobReader.compareWith(leader);
            return jobReader;
        }, tids, tasks, skip);
        int jobs = Math.min(Runtime.getRuntime().availableProcessors() - 1, (tids.length - 1) / CHUNK);
        try {
            for (int i = 0; i < jobs; i++) {
                executor.execute(reads::helpOut);
            }
        }
        catch (RejectedExecutionException e) {
            // the executor is full or shut down: the jobs it took and the caller read the rest
        }
        try {
            reads.work(reader);
        }
        finally {
            // The tree's descriptors stay open until no job reads through them.
            reads.closeAndAwaitJobs();
        }
        reads.rethrowFailure();
    }

    /** Claims and reads chunks until none is left or any thread failed. */
    private void work(TaskTree.Reader reader) {
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

    /** A job on the executor: joins in unless the scanning thread already finished. */
    private void helpOut() {
        synchronized (this) {
            if (closed) {
                return;
            }
            activeJobs++;
        }
        try (TaskTree.Reader reader = readers.get()) {
            work(reader);
        }
        catch (Throwable e) {
            if (failure == null) {
                failure = e;
            }
        }
        finally {
            synchronized (this) {
                activeJobs--;
                notifyAll();
            }
        }
    }

    private synchronized void closeAndAwaitJobs() {
        closed = true;
        boolean interrupted = false;
        while (activeJobs > 0) {
            try {
                wait();
            }
            catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrowFailure() {
        Throwable e = failure;
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
    }
}
