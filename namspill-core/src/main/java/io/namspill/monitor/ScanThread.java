package io.namspill.monitor;

import io.namspill.switching.ReferenceThreadFactory;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The monitor's one platform thread, started when the monitor is built. It comes from a
 * {@link ReferenceThreadFactory}: a thread inherits the namespaces of the thread that starts it,
 * and a thread of that factory moves into the reference namespaces before it runs anything, so
 * a caller that is itself spilled (where {@code /proc} may be another procfs) still gets a
 * correct report.
 */
final class ScanThread implements AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;

    ScanThread(String name) {
        executor = new ScheduledThreadPoolExecutor(1, new ReferenceThreadFactory(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        }));
        executor.setRemoveOnCancelPolicy(true);
        // Started now, never later from a spilled caller.
        executor.prestartCoreThread();
    }

    /** Runs {@code task} on the thread; false once closed. */
    boolean execute(Runnable task) {
        try {
            executor.execute(task);
            return true;
        }
        catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs {@code task} on the thread after {@code delayNanos}; nothing once closed. */
    void schedule(Runnable task, long delayNanos) {
        try {
            executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        }
        catch (RejectedExecutionException e) {
            // closed: nothing more runs
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
