package io.namspill.testing;

import io.namspill.internal.linux.FileCalls;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.internal.linux.NativeCallException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Gate for tests that create real namespaces. Where the JVM may not (no CAP_SYS_ADMIN), such a
 * test skips with the reason; with {@code -Dnamspill.requirePrivileged=true} (CI sets it through
 * {@code NAMSPILL_REQUIRE_PRIVILEGED=true}) it fails instead, so that it never skips silently.
 */
public final class Privileges {

    private static final String REQUIRE = "namspill.requirePrivileged";
    private static volatile String missing;
    private static volatile boolean probed;

    private Privileges() {
    }

    /** Skips (or, where privileges are required, fails) unless this JVM's threads can unshare. */
    public static void assumeCanCreateNamespaces() {
        String reason = whyNot();
        if (reason != null) {
            skipOrFail(reason, reason + "; run as root, or start the tests with -Puserns (see docs/testing.md)");
        }
    }

    /**
     * Also requires that a thread can switch <em>back</em> to the host's namespaces. Under
     * {@code -Puserns} (no root on the host) a thread may create namespaces and enter those its
     * user namespace owns, but the host's namespaces belong to the initial user namespace:
     * {@code setns} back into them fails with EPERM.
     */
    public static void assumeCanRestoreNamespaces() {
        assumeCanCreateNamespaces();
        String reason = whyNotRestore();
        if (reason != null) {
            skipOrFail(reason, reason);
        }
    }

    /**
     * Also requires that a test can hand a freed tid to its next thread ({@link TidReuse}): the
     * write to {@code /proc/sys/kernel/ns_last_pid} needs CAP_SYS_ADMIN over the host's pid
     * namespace, which root of a user namespace ({@code -Puserns}) lacks.
     */
    public static void assumeCanReuseTids() {
        assumeCanCreateNamespaces();
        String reason = TidReuse.whyNot();
        if (reason != null) {
            skipOrFail(reason, reason);
        }
    }

    /**
     * Skips (or, where privileges are required, fails) unless the scan's direct system calls
     * ({@code FileCalls}: descriptors, {@code readlinkat}) are available, so that a test reads
     * {@code /proc} as an application does, not by path.
     */
    public static void assumeNativeFileCalls() {
        FileCalls.unavailableReason().ifPresent(reason -> skipOrFail("no descriptor scan here: " + reason,
                "no descriptor scan here: " + reason));
    }

    private static void skipOrFail(String reason, String skipMessage) {
        if (Boolean.parseBoolean(System.getProperty(REQUIRE, "false"))) {
            Assertions.fail(REQUIRE + "=true but " + reason);
        }
        Assumptions.abort(skipMessage);
    }

    /** Whether this JVM's threads can leave the host's namespaces and return to them. */
    public static boolean canRestoreNamespaces() {
        return whyNot() == null && whyNotRestore() == null;
    }

    /** Why real namespaces cannot be created here, or null when they can. */
    public static synchronized String whyNot() {
        if (!probed) {
            missing = probe();
            probed = true;
        }
        return missing;
    }

    private static volatile String restoreMissing;
    private static volatile boolean restoreProbed;

    private static synchronized String whyNotRestore() {
        if (!restoreProbed) {
            restoreMissing = onThrowawayThread(() -> {
                int home = LinuxNative.openReadOnly("/proc/thread-self/ns/uts");
                try {
                    LinuxNative.unshare(LinuxAbi.CLONE_NEWUTS);
                    LinuxNative.setns(home, LinuxAbi.CLONE_NEWUTS, "the host's uts namespace");
                }
                finally {
                    LinuxNative.closeQuietly(home);
                }
            }, "this JVM can leave the host's namespaces but not return to them (a user namespace without root"
                    + " on the host?)");
            restoreProbed = true;
        }
        return restoreMissing;
    }

    private static String onThrowawayThread(Runnable attempt, String explanation) {
        AtomicReference<String> result = new AtomicReference<>();
        Thread probe = new Thread(() -> {
            try {
                attempt.run();
            }
            catch (NativeCallException e) {
                result.set(explanation + ": " + e.getMessage());
            }
        }, "namspill-privilege-probe");
        probe.start();
        try {
            probe.join();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing for privileges";
        }
        return result.get();
    }

    private static String probe() {
        if (!LinuxNative.isAvailable()) {
            return "real namespaces need Linux and JNA: " + LinuxNative.unavailableReason().orElse("");
        }
        // Probe on a throwaway thread: unshare moves only that thread, which then ends.
        return onThrowawayThread(() -> LinuxNative.unshare(LinuxAbi.CLONE_NEWUTS), "this JVM cannot create namespaces");
    }
}
