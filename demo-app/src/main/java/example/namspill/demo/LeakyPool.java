package example.namspill.demo;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The application's worker pool, named {@code demo-pool-<n>-thread-<m>}: where the demo's
 * careless task leaves a thread in a foreign namespace, and what {@code heal} retires.
 */
@Component
class LeakyPool implements DisposableBean {

    private static final int THREADS = 2;

    private final AtomicInteger generation = new AtomicInteger();
    private volatile ThreadPoolExecutor pool = newPool();

    ExecutorService executor() {
        return pool;
    }

    /**
     * The bug, run on a pool thread: a raw {@code unshare} never undone. With
     * {@code namspill.trace.enabled=true} the endpoint's {@code origin} names this line.
     */
    void carelessTask(NamespaceKind kind) {
        RawNamespaceCalls.unshare(kind);
    }

    /**
     * Replaces the pool and waits until the old one's threads have ended: a poisoned thread is
     * never reused, its task disappears from {@code /proc/self/task}, and the leak with it.
     *
     * @return how many threads were retired
     */
    int retireAllThreads() throws InterruptedException {
        ThreadPoolExecutor old = pool;
        pool = newPool();
        int retired = old.getPoolSize();
        old.shutdown();
        if (!old.awaitTermination(30, TimeUnit.SECONDS)) {
            old.shutdownNow();
        }
        return retired;
    }

    private ThreadPoolExecutor newPool() {
        int number = generation.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        return new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "demo-pool-" + number + "-thread-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
