package io.namspill.internal.trace;

import com.sun.jna.LastErrorException;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.internal.linux.SeccompCalls;
import io.namspill.snapshot.TaskId;
import io.namspill.trace.Origin;
import io.namspill.trace.OriginSource;
import io.namspill.trace.TraceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The origin trace of this JVM, behind {@code Namspill.enableTrace()}: enabled once, never undone
 * (a seccomp filter stays for the life of every task that has it). Keeps the latest traced calls
 * of each thread, from which a report takes the origin of a spilled task.
 */
public final class NamespaceTrace {

    /** System property: stacks of other threads the trace may take per second (default {@value CaptureBudget#DEFAULT_PER_SECOND}). */
    public static final String BUDGET_PROPERTY = "namspill.trace.stacks-per-second";

    /** How long a caller waits at most for its stack to be taken; then it goes on without. */
    static final long CAPTURE_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** Captures that may overrun their budget (each leaves a worker stuck) before stacks stop. */
    private static final int MAX_STUCK_CAPTURES = 4;

    private static final int CALLS_PER_TASK = 16;
    private static final int PRUNE_THRESHOLD = 4096;

    private static final Announcements ANNOUNCEMENTS = new Announcements();
    private static final ConcurrentMap<Integer, List<TrappedCall>> CALLS = new ConcurrentHashMap<>();
    private static volatile @Nullable TraceStatus status;
    private static volatile boolean active;
    private static volatile @Nullable TraceSupervisor supervisor;

    /** This trace as reports see it: its status, and its origins while it runs. */
    private static final OriginSource ORIGINS = new OriginSource() {
        @Override
        public Optional<TraceStatus> status() {
            return NamespaceTrace.status();
        }

        @Override
        public Optional<Origin> originOf(TaskId task, Map<String, Long> namespaces) {
            return active ? NamespaceTrace.originOf(task, namespaces) : Optional.empty();
        }
    };

    private NamespaceTrace() {
    }

    /** The running trace as a report's source of origins, the default of {@code SpillOptions}. */
    public static OriginSource origins() {
        return ORIGINS;
    }

    /** Starts the trace, once; later calls return the first call's status. Never throws. */
    public static synchronized TraceStatus enable() {
        TraceStatus current = status;
        if (current == null) {
            current = start();
            status = current;
        }
        return current;
    }

    /** What {@link #enable()} achieved; empty while nobody enabled the trace. */
    public static Optional<TraceStatus> status() {
        return Optional.ofNullable(status);
    }

    /** Whether the trace runs. */
    public static boolean isActive() {
        return active;
    }

    private static TraceStatus start() {
        String unavailable = unavailable();
        if (unavailable != null) {
            return new TraceStatus(false, unavailable);
        }
        int budget;
        try {
            budget = Integer.parseInt(System.getProperty(BUDGET_PROPERTY, String.valueOf(CaptureBudget.DEFAULT_PER_SECOND)).strip());
            if (budget < 0) {
                throw new NumberFormatException("negative");
            }
        }
        catch (NumberFormatException e) {
            return new TraceStatus(false, "system property " + BUDGET_PROPERTY + "='" + System.getProperty(BUDGET_PROPERTY)
                    + "' is not a number of stacks per second (0 or more)");
        }
        SeccompFilter.Installed installed;
        TraceSupervisor loop;
        Thread thread;
        try {
            SeccompFilter.NotifSizes sizes = SeccompFilter.notifSizes();
            BoundedCapture capture = new BoundedCapture(new CallerStacks()::capture, CAPTURE_BUDGET_NANOS, MAX_STUCK_CAPTURES);
            warmUp(capture, sizes);
            installed = SeccompFilter.install();
            loop = new TraceSupervisor(installed.listener(), sizes, ANNOUNCEMENTS, capture,
                    new CaptureBudget(budget, System::nanoTime), NamespaceTrace::record);
        }
        catch (LastErrorException e) {
            return new TraceStatus(false, SeccompFilter.refusal(e.getErrorCode()));
        }
        catch (Throwable e) {
            return new TraceStatus(false, "the trace could not start: " + e);
        }
        try {
            thread = loop.start();
        }
        catch (Throwable e) {
            // Nobody would answer: closing the listener makes namespace calls fail (ENOSYS) instead of hang.
            SeccompCalls.close(installed.listener());
            return new TraceStatus(false, "the trace supervisor could not start (" + e + "); the filter stays, and"
                    + " every setns/unshare of this process now fails with ENOSYS");
        }
        supervisor = loop;
        active = true;
        return new TraceStatus(true, "tracing setns and unshare on every thread (supervisor thread " + thread.getName()
                + ", at most " + budget + " stacks of other threads per second"
                + (installed.setNoNewPrivs() ? "; no_new_privs was set to install the filter without CAP_SYS_ADMIN" : "")
                + ")");
    }

    private static @Nullable String unavailable() {
        if (!LinuxAbi.isLinux()) {
            return "the origin trace needs Linux (seccomp), this is " + System.getProperty("os.name");
        }
        if (!LinuxAbi.isKnownArchitecture()) {
            return "no seccomp trace filter for " + System.getProperty("os.arch") + " (x86-64 and aarch64 only)";
        }
        Optional<String> calls = SeccompCalls.unavailableReason().or(LinuxNative::unavailableReason);
        return calls.map(reason -> "the origin trace cannot make native calls: " + reason).orElse(null);
    }

    /**
     * Runs every path the supervisor and the capture take once, before any caller can wait on them:
     * no class loading or first-use initialisation happens while a call is trapped.
     */
    private static void warmUp(BoundedCapture capture, SeccompFilter.NotifSizes sizes) {
        int self = LinuxNative.gettid();
        capture.capture(self);
        TraceSupervisor warm = new TraceSupervisor(-1, sizes, ANNOUNCEMENTS, capture, new CaptureBudget(0, System::nanoTime),
                call -> { });
        int announced = announce(true);
        try {
            record(warm.describe(Path.of("/proc/self/task/" + self), self, LinuxAbi.setnsNumber(), -1, LinuxAbi.CLONE_NEWUTS));
            record(warm.describe(Path.of("/proc/self/task/" + self), self, LinuxAbi.unshareNumber(), LinuxAbi.CLONE_NEWNET, 0));
        }
        finally {
            withdraw(announced);
            CALLS.remove(self);
        }
        originOf(new TaskId(self, -1), Map.of("uts", 1L));
        Instant.now();
    }

    /**
     * Called by namspill's own switching right before its {@code setns}: the supervisor then answers
     * at once with this stack. Returns the tid to {@link #withdraw} after the call, -1 when not tracing.
     */
    public static int announce() {
        return announce(active);
    }

    private static int announce(boolean tracing) {
        if (!tracing) {
            return -1;
        }
        int tid = LinuxNative.gettid();
        ANNOUNCEMENTS.announce(tid);
        return tid;
    }

    /** After the call {@link #announce()} announced. */
    public static void withdraw(int tid) {
        if (tid >= 0) {
            ANNOUNCEMENTS.withdraw(tid);
        }
    }

    /**
     * The traced call that left task {@code id} on the namespaces {@code differing} lists (type to
     * the task's inode): the latest call of that task that changed one of these types and matches
     * the namespace the task is on now.
     */
    public static Optional<Origin> originOf(TaskId id, Map<String, Long> differing) {
        List<TrappedCall> calls = CALLS.get(id.tid());
        if (calls == null) {
            return Optional.empty();
        }
        TrappedCall latest = null;
        for (TrappedCall call : calls) {
            if (id.startTime() >= 0 && call.startTime() >= 0 && call.startTime() != id.startTime()) {
                continue; // an earlier task with the same tid
            }
            for (Map.Entry<String, Long> type : differing.entrySet()) {
                if (call.couldHaveLeft(type.getKey(), type.getValue())) {
                    latest = call;
                }
            }
        }
        return Optional.ofNullable(latest).map(TrappedCall::origin);
    }

    /** On the supervisor thread, after the answer: keeps the latest calls of each task. */
    private static void record(TrappedCall call) {
        CALLS.compute(call.tid(), (tid, old) -> {
            List<TrappedCall> calls = new ArrayList<>(old == null ? List.of() : old);
            calls.removeIf(earlier -> earlier.startTime() != call.startTime()); // the tid was reused
            calls.add(call);
            return List.copyOf(calls.subList(Math.max(0, calls.size() - CALLS_PER_TASK), calls.size()));
        });
        if (CALLS.size() > PRUNE_THRESHOLD) {
            CALLS.keySet().removeIf(tid -> !Files.exists(Path.of("/proc/self/task/" + tid)));
        }
    }

    /**
     * For the tests that prove a dying supervisor leaves nobody blocked: the next trapped call is
     * not answered, the supervisor ends and closes the listener, and from then on every
     * {@code setns}/{@code unshare} of the process fails with ENOSYS.
     */
    public static void stopSupervisor() {
        TraceSupervisor loop = supervisor;
        if (loop != null) {
            loop.stop();
        }
    }
}
