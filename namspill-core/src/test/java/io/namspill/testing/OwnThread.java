package io.namspill.testing;

import io.namspill.internal.linux.LinuxNative;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs test code that may leave its thread switched or poisoned on a platform thread of its
 * own, which ends afterwards: the test's thread (and later tests) stay clean.
 */
public final class OwnThread {

    private OwnThread() {
    }

    /** Runs {@code action} on a new thread named {@code name}, waits until its task is gone, returns its result. */
    public static <T> T call(String name, Callable<T> action) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger tid = new AtomicInteger();
        Thread thread = new Thread(() -> {
            tid.set(LinuxNative.gettid());
            try {
                result.set(action.call());
            }
            catch (Throwable e) {
                failure.set(e);
            }
        }, name);
        thread.start();
        thread.join(); // only then is tid set for sure
        TaskExits.await(tid.get());
        if (failure.get() != null) {
            throw new AssertionError("the thread failed", failure.get());
        }
        return result.get();
    }
}
