package io.namspill.jvm;

import io.namspill.internal.jvm.CpuTimeThreadCorrelator;
import io.namspill.internal.jvm.ThreadDumpParser;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Tells which Java thread runs on which task (Linux tid). Only asked about spilled tasks: even
 * without a thread dump, naming costs a read per task and a look at every live thread, which a
 * uniform process must never pay for.
 */
@FunctionalInterface
public interface ThreadCorrelator {

    /**
     * The Java threads running on {@code tids}; a tid without a Java thread (a JVM-internal
     * thread, a thread that ended, a JVM that cannot say) is simply absent. Never throws.
     */
    Map<Integer, JavaThread> threadsOf(Collection<Integer> tids);

    /**
     * The Java threads of {@code tids} that a HotSpot thread dump names by its {@code nid} (the
     * text of {@code Thread.print}, as {@code jcmd <pid> Thread.print} prints it, of this JVM or
     * another one), each {@link JavaThread.NamedBy#THREAD_DUMP named by the dump}; a tid the dump
     * does not name is absent.
     */
    static Map<Integer, JavaThread> threadsInDump(String dump, Collection<Integer> tids) {
        return ThreadDumpParser.parse(dump, Set.copyOf(tids));
    }

    /** A correlator that knows no thread: reports fall back to tid and task name. */
    static ThreadCorrelator none() {
        return tids -> Map.of();
    }

    /**
     * The correlator for the running JVM. It matches a task's run time ({@code schedstat}) with
     * the CPU time of the threads whose name fits the task's {@code comm}, and takes the stack of
     * that one thread: no global safepoint (on JDK 19+ a handshake with that thread alone; on 17
     * and 18 a safepoint of one thread's stack walk). A task it cannot match for certain (a thread
     * that keeps running, a tie) is named by HotSpot's thread dump, a global safepoint, as the
     * fallback. {@link JavaThread#namedBy()} says which way named each thread.
     */
    static ThreadCorrelator forCurrentJvm() {
        // A facade, the one dependency back into internal.jvm, whose correlators implement this interface.
        return CpuTimeThreadCorrelator.instance();
    }
}
