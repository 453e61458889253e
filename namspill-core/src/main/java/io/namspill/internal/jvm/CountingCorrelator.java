package io.namspill.internal.jvm;

import io.namspill.jvm.JavaThread;
import io.namspill.jvm.ThreadCorrelator;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The steps every correlator of this JVM shares: a question about no tid costs nothing, and
 * every other one is counted, since it may cost a thread dump (tests and benchmarks hold the
 * dumps to their budget by these counts).
 */
abstract class CountingCorrelator implements ThreadCorrelator {

    private final AtomicLong asked = new AtomicLong();

    @Override
    public final Map<Integer, JavaThread> threadsOf(Collection<Integer> tids) {
        if (tids.isEmpty()) {
            return Map.of();
        }
        asked.incrementAndGet();
        return name(tids);
    }

    /** {@link #threadsOf} for at least one tid; never throws. */
    abstract Map<Integer, JavaThread> name(Collection<Integer> tids);

    /** How many calls asked about at least one tid since this correlator was made. */
    final long askedCount() {
        return asked.get();
    }
}
