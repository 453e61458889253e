package io.namspill.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code count} platform threads that start, then park until {@link #close()}: the idle thread
 * pool of a busy server, which every scan must read.
 */
final class IdleThreads implements AutoCloseable {

    /** Small stacks: 10,000 idle threads need no more, and the JVM rounds up to its minimum. */
    private static final long STACK_SIZE = 256 * 1024;

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> threads;

    private IdleThreads(int count) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(count);
        threads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(null, () -> {
                started.countDown();
                awaitRelease();
            }, "idle-" + i, STACK_SIZE);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        started.await();
    }

    static IdleThreads start(int count) throws InterruptedException {
        return new IdleThreads(count);
    }

    private void awaitRelease() {
        try {
            release.await();
        }
        catch (InterruptedException e) {
            // nobody interrupts an idle thread; one that is ends early, which no measurement minds
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        release.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
