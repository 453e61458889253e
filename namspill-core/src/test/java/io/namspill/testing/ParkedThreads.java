package io.namspill.testing;

import io.namspill.internal.linux.LinuxNative;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Platform threads that start, then wait until {@link #close()}: tasks for a scan to read.
 * Closing waits until their tasks are gone from {@code /proc/self/task}, so that no later scan
 * of another test still finds them.
 */
public final class ParkedThreads implements AutoCloseable {

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicIntegerArray tids;

    public ParkedThreads(int count, String namePrefix) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(count);
        tids = new AtomicIntegerArray(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            Thread thread = new Thread(null, () -> {
                tids.set(index, LinuxNative.gettid());
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
        for (int i = 0; i < threads.size(); i++) {
            TaskExits.join(threads.get(i), tids.get(i));
        }
    }
}
