package io.namspill.testing;

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
        if (reason == null) {
            return;
        }
        if (Boolean.parseBoolean(System.getProperty(REQUIRE, "false"))) {
            Assertions.fail(REQUIRE + "=true but " + reason);
        }
        Assumptions.abort(reason + "; run as root, or start the tests with -Puserns (see README)");
    }

    /** Why real namespaces cannot be created here, or null when they can. */
    public static synchronized String whyNot() {
        if (!probed) {
            missing = probe();
            probed = true;
        }
        return missing;
    }

    private static String probe() {
        if (!LinuxNative.isAvailable()) {
            return "real namespaces need Linux and JNA: " + LinuxNative.unavailableReason().orElse("");
        }
        // Probe on a throwaway thread: unshare moves only that thread, which then ends.
        AtomicReference<String> result = new AtomicReference<>();
        Thread probe = new Thread(() -> {
            try {
                LinuxNative.unshare(LinuxNative.CLONE_NEWUTS);
            }
            catch (NativeCallException e) {
                result.set("this JVM cannot create namespaces: " + e.getMessage());
            }
        }, "namspill-privilege-probe");
        probe.start();
        try {
            probe.join();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing for CAP_SYS_ADMIN";
        }
        return result.get();
    }
}
