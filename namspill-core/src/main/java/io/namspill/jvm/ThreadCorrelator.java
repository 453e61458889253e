package io.namspill.jvm;

import io.namspill.internal.jvm.HotSpotThreadCorrelator;
import java.util.Collection;
import java.util.Map;

/**
 * Tells which Java thread runs on which task (Linux tid). Only asked about spilled tasks: the
 * HotSpot implementation takes a thread dump, a stop-the-world safepoint that a uniform process
 * must never pay for.
 */
@FunctionalInterface
public interface ThreadCorrelator {

    /**
     * The Java threads running on {@code tids}; a tid without a Java thread (a JVM-internal
     * thread, a thread that ended, a JVM that cannot say) is simply absent. Never throws.
     */
    Map<Integer, JavaThread> threadsOf(Collection<Integer> tids);

    /** A correlator that knows no thread: reports fall back to tid and task name. */
    static ThreadCorrelator none() {
        return tids -> Map.of();
    }

    /** The correlator for the running JVM: HotSpot's thread dump where available, else none. */
    static ThreadCorrelator forCurrentJvm() {
        return HotSpotThreadCorrelator.instance();
    }
}
