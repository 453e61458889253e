package io.namspill.internal.jvm;

import io.namspill.jvm.JavaThread;
import io.namspill.jvm.ThreadCorrelator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Names the Java thread on a tid without a thread dump: the {@link ThreadLocator} finds the one
 * platform thread whose CPU time is the task's run time, and that thread gives its name, id,
 * state and stack. A tid it cannot name for certain (a thread that kept running, a tie, a JVM
 * that does not measure thread CPU time) is left to the fallback, HotSpot's thread dump, once
 * per call for all such tids together.
 *
 * <p>Pauses: finding the thread needs no safepoint. The stack is {@link Thread#getStackTrace()}
 * of that one thread: a handshake with it alone on JDK 19+, a {@code ThreadDump} safepoint
 * that walks one stack on 17 and 18 (well under a millisecond at 1,000 threads, a few at
 * 10,000). Nothing here allocates per live thread: at 10,000 threads a young collection would
 * pause longer than any of it.
 *
 * <p>Internal: not part of namspill's API. Thread-safe.
 */
public final class CpuTimeThreadCorrelator extends CountingCorrelator {

    /** Tries per task: a thread that runs meanwhile is tried again, then left to the dump. */
    static final int TRIES = 8;

    private static final CpuTimeThreadCorrelator INSTANCE =
            new CpuTimeThreadCorrelator(new ThreadLocator(TRIES), HotSpotThreadCorrelator.instance());

    private final ThreadLocator locator;
    private final ThreadCorrelator fallback;

    /** A correlator that finds threads with {@code locator} and leaves the rest to {@code fallback}. */
    public CpuTimeThreadCorrelator(ThreadLocator locator, ThreadCorrelator fallback) {
        this.locator = Objects.requireNonNull(locator, "locator");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** The correlator of the running JVM, with {@link HotSpotThreadCorrelator#instance()} as the fallback. */
    public static CpuTimeThreadCorrelator instance() {
        return INSTANCE;
    }

    @Override
    Map<Integer, JavaThread> name(Collection<Integer> tids) {
        Map<Integer, JavaThread> named = new HashMap<>();
        List<Integer> left = new ArrayList<>();
        try {
            Thread[] all = locator.isAvailable() ? ThreadLocator.platformThreads() : null;
            for (int tid : tids) {
                Optional<Thread> thread = all == null ? Optional.empty() : locator.locate(tid, all);
                JavaThread described = thread.map(CpuTimeThreadCorrelator::describe).orElse(null);
                if (described != null) {
                    named.put(tid, described);
                }
                else {
                    left.add(tid);
                }
            }
        }
        catch (RuntimeException | LinkageError e) {
            // A restricted JVM: whatever was not named yet is the dump's.
            left.clear();
            tids.forEach(tid -> {
                if (!named.containsKey(tid)) {
                    left.add(tid);
                }
            });
        }
        if (!left.isEmpty()) {
            try {
                named.putAll(fallback.threadsOf(left));
            }
            catch (RuntimeException e) {
                // never throws, by contract; a broken fallback leaves those tids unnamed
            }
        }
        return named;
    }

    /** How many calls asked about at least one tid since the JVM started (each may take one dump). */
    public long namingCount() {
        return askedCount();
    }

    /** The thread as it is now; null where it ended meanwhile (its stack would be empty). */
    private static JavaThread describe(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        Thread.State state = thread.getState();
        if (state == Thread.State.TERMINATED) {
            return null;
        }
        List<String> frames = new ArrayList<>(stack.length);
        for (StackTraceElement frame : stack) {
            frames.add(StackFrames.asDumped(frame));
        }
        return new JavaThread(thread.getId(), thread.getName(), state.name(), thread.isDaemon(), frames,
                JavaThread.NamedBy.CPU_TIME);
    }
}
