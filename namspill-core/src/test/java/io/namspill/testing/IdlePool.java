package io.namspill.testing;

import io.namspill.Namspill;
import io.namspill.report.SpillReport;
import io.namspill.report.SpilledTask;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * A one-thread pool whose worker runs a task and goes back to idling in its queue: what a leak
 * in a real application looks like (the worker's current stack says nothing about the culprit).
 */
public final class IdlePool implements AutoCloseable {

    private final ExecutorService pool;
    private final AtomicReference<Thread> worker = new AtomicReference<>();

    public IdlePool(String name) {
        pool = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            worker.set(thread);
            return thread;
        });
    }

    /** Runs {@code task} on the worker, waits for it, then until the worker idles again. */
    public <T> T run(Callable<T> task) throws Exception {
        T result = pool.submit(task).get(60, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(5))
                .until(() -> worker.get().getState() == Thread.State.WAITING);
        return result;
    }

    /** The worker thread. */
    public Thread worker() {
        return worker.get();
    }

    /** This pool's worker among the stray tasks of a fresh report. */
    public SpilledTask strayWorker(SpillReport report) {
        return report.strayTasks().stream()
                .filter(task -> task.thread().map(thread -> thread.name().equals(worker().getName())).orElse(false))
                .findFirst()
                .orElseThrow(() -> new AssertionError(worker().getName() + " is not among the stray tasks:\n" + report.render()));
    }

    /** This pool's worker in a fresh report of the whole JVM. */
    public SpilledTask strayWorker() {
        return strayWorker(Namspill.report());
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
}
