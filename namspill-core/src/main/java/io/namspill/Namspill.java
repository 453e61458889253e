package io.namspill;

import io.namspill.internal.trace.NamespaceTrace;
import io.namspill.report.SpillReport;
import io.namspill.snapshot.TaskScanner;
import io.namspill.snapshot.TaskSnapshot;
import io.namspill.trace.TraceStatus;
import java.util.Optional;

/**
 * Entry point: what the namespaces of this JVM's tasks look like right now.
 *
 * <pre>{@code
 * SpillReport report = SpillReport.of(Namspill.tasks());
 * if (!report.isUniform()) {
 *     log.warn(report.render());
 * }
 * }</pre>
 */
public final class Namspill {

    private static final TaskScanner SCANNER = new TaskScanner();

    private Namspill() {
    }

    /**
     * A fresh, immutable snapshot of every task of this process, read from {@code /proc}. Never
     * throws: where procfs cannot be read the snapshot is unsupported and says why.
     */
    public static TaskSnapshot tasks() {
        return SCANNER.scan();
    }

    /** {@link #tasks()} judged with the default options: every type, nothing ignored. */
    public static SpillReport report() {
        return SpillReport.of(tasks());
    }

    /**
     * Starts the origin trace for the rest of the JVM's life: every {@code setns} and {@code unshare}
     * of the process is then noted with the calling Java thread's stack, so that reports name the
     * code that moved a spilled task ({@link io.namspill.report.SpilledTask#origin()}). Idempotent:
     * later calls return the first call's status. Never throws: where the trace cannot run (not
     * Linux, no seccomp user notification, a container profile that refuses it, no native access)
     * the status says why, and everything else works unchanged.
     *
     * <p>A diagnostic mode, and irreversible: it installs a seccomp filter on every thread.
     * <ul>
     * <li>Each traced call waits for the trace's supervisor thread: briefly for a switch made
     * through {@link Namespaces}, longer for a raw call whose caller's stack is taken (on JDK 17 a
     * global safepoint; a few such stacks per second by default, system property
     * {@code namspill.trace.stacks-per-second}, beyond that calls are traced without their stack).
     * The README gives the measured figures.</li>
     * <li>Child processes inherit the filter. While the JVM lives their calls are let through; a child
     * that outlives the JVM gets ENOSYS from every {@code setns} and {@code unshare} for the rest of
     * its life (and so do its own children): start long-lived helpers that need namespaces before
     * enabling the trace, or not from this JVM.</li>
     * <li>Without CAP_SYS_ADMIN in its user namespace the JVM sets {@code no_new_privs} first (the
     * status says so): setuid programs it starts no longer gain privileges.</li>
     * </ul>
     */
    public static TraceStatus enableTrace() {
        return NamespaceTrace.enable();
    }

    /** What {@link #enableTrace()} achieved; empty while nobody enabled the trace. */
    public static Optional<TraceStatus> traceStatus() {
        return NamespaceTrace.status();
    }
}
