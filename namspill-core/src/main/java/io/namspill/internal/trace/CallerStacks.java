package io.namspill.internal.trace;

import io.namspill.internal.jvm.ThreadLocator;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The stack of the Java thread blocked in a trapped call, found by its CPU-time fingerprint
 * ({@link ThreadLocator}): exact for every binding (JNA, JNI, FFM, a raw syscall), renamed
 * threads and identical names alike, with no thread dump. Runs on the capture thread only.
 *
 * <p>The supervisor can be woken before the caller has gone to sleep, so a try whose counter moved
 * is repeated after a short, growing pause; a stack counts only when the task's run time is the
 * same after {@code getStackTrace()} as before the search: taken while it was blocked.
 */
final class CallerStacks {

    private static final int TRIES = 12;

    private final ThreadLocator locator = new ThreadLocator(3);

    /** The caller's stack, or null: no Java thread (a native library's own thread), or never off the CPU. */
    @Nullable CapturedStack capture(int tid) {
        for (int attempt = 0; attempt < TRIES; attempt++) {
            long before = locator.runTime(tid);
            if (before < 0) {
                return null; // gone
            }
            Optional<Thread> thread = locator.locate(tid, ThreadLocator.platformThreads());
            if (thread.isPresent() && thread.get() != Thread.currentThread()) {
                StackTraceElement[] frames = thread.get().getStackTrace();
                if (locator.runTime(tid) == before) {
                    return CapturedStack.of(thread.get(), frames);
                }
            }
            LockSupport.parkNanos(20_000L << Math.min(attempt, 6));
        }
        return null;
    }

    boolean isAvailable() {
        return locator.isAvailable();
    }
}
