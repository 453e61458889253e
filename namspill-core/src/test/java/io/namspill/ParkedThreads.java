package io.namspill;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Platform threads that start, then wait until {@link #close()}: tasks for a scan to read. */
final class ParkedThreads implements AutoCloseable {

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    ParkedThreads(int count, String namePrefix) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(null, () -> {
                started.countDown();
                try {
                    release.await();
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, namePrefix + i, 256 * 1024);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        started.await();
    }

    @Override
    public void close() throws InterruptedException {
        release.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
