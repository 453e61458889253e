package io.namspill.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Short-lived platform threads, born and ended back to back by two spawners until
 * {@link #close()}: tasks appear and vanish while a scan reads {@code /proc/self/task}, and
 * tids are reused. Start it from a thread in the process's own namespaces (its threads inherit them).
 */
public final class ThreadChurn implements AutoCloseable {

    private static final int SPAWNERS = 2;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong born = new AtomicLong();
    private final List<Thread> spawners = new ArrayList<>();

    private ThreadChurn() {
    }

    /** Starts the spawners. */
    public static ThreadChurn start() {
        ThreadChurn churn = new ThreadChurn();
        for (int i = 0; i < SPAWNERS; i++) {
            Thread spawner = new Thread(churn::spawn, "churn-spawner-" + i);
            spawner.setDaemon(true);
            spawner.start();
            churn.spawners.add(spawner);
        }
        return churn;
    }

    /** How many threads have been born (and, but for the last few, ended) so far. */
    public long born() {
        return born.get();
    }

    /** Stops the spawners and waits for them; every churned thread has ended when it returns. */
    @Override
    public void close() {
        running.set(false);
        for (Thread spawner : spawners) {
            try {
                spawner.join();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void spawn() {
        while (running.get()) {
            Thread shortLived = new Thread(() -> { }, "churn");
            shortLived.start();
            born.incrementAndGet();
            try {
                shortLived.join();
            }
            catch (InterruptedException e) {
                return;
            }
        }
    }
}
