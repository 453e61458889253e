package io.namspill.test;

import static org.awaitility.Awaitility.await;

import io.namspill.internal.linux.LinuxNative;
import io.namspill.testing.SpillingThread;
import java.time.Duration;

/**
 * Spilling threads that have reached their park: only then does a thread dump show the same
 * state and stack every time, so that two renderings of one snapshot can be compared.
 */
final class ParkedLeaks {

    private ParkedLeaks() {
    }

    /** A thread named {@code name} in a new uts namespace, parked until closed. */
    static SpillingThread inNewUts(String name) {
        SpillingThread leak = SpillingThread.unsharing(name, LinuxNative.CLONE_NEWUTS);
        Thread thread = leak.thread();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(5))
                .until(() -> thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING);
        return leak;
    }
}
