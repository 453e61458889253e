package io.namspill.switching;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs work on a fresh platform thread that ends afterwards, and hands its outcome to the caller,
 * who waits for it also when interrupted (the interrupt is passed on): a switched thread that
 * ends takes its foreign namespaces with it.
 */
final class ThrowawayThread {

    private static final AtomicInteger NUMBER = new AtomicInteger();

    private ThrowawayThread() {
    }

    static <T> T call(Callable<T> work) throws Exception {
        Object[] outcome = new Object[2];
        Thread thread = new Thread(() -> {
            try {
                outcome[0] = work.call();
            }
            catch (Throwable e) {
                outcome[1] = e;
            }
        }, "namspill-switch-" + NUMBER.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        Waiting.untilDone(thread::join, thread::interrupt);
        // join() makes the thread's writes visible
        if (outcome[1] != null) {
            throw Waiting.rethrowable((Throwable) outcome[1]);
        }
        @SuppressWarnings("unchecked")
        T result = (T) outcome[0];
        return result;
    }
}
