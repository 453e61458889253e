package io.namspill.internal.trace;

import java.util.function.LongSupplier;

/**
 * How many stacks of other threads the trace may take per second. On JDK 17
 * {@code Thread.getStackTrace()} of another thread is a global safepoint, longer the more threads
 * the JVM has (figures in the README); on JDK 19+ a handshake with that one thread. A token bucket keeps a
 * burst of raw calls from stopping the world repeatedly; past it, a call is still traced (syscall,
 * types, time) without its stack. Confined to the supervisor thread: no locks.
 */
final class CaptureBudget {

    /** Default stacks per second (and burst): keeps the safepoints of a large JVM on JDK 17 to a small share of each second. */
    static final int DEFAULT_PER_SECOND = 10;

    private final int perSecond;
    private final LongSupplier ticker;
    private double tokens;
    private long last;

    CaptureBudget(int perSecond, LongSupplier ticker) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("stacks per second must be zero or more, was " + perSecond);
        }
        this.perSecond = perSecond;
        this.ticker = ticker;
        this.tokens = perSecond;
        this.last = ticker.getAsLong();
    }

    int perSecond() {
        return perSecond;
    }

    /** Takes one stack's worth of budget, if there is one. */
    boolean tryAcquire() {
        long now = ticker.getAsLong();
        tokens = Math.min(perSecond, tokens + (now - last) * perSecond / 1e9);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    String exhausted() {
        return "over the stack capture budget of " + perSecond + " per second (system property "
                + NamespaceTrace.BUDGET_PROPERTY + ")";
    }
}
