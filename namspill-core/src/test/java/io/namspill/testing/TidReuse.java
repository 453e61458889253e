package io.namspill.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes Linux give a freed tid to a new thread at once, as it may on its own after a wrap of
 * the pid space: {@code /proc/sys/kernel/ns_last_pid} (CAP_SYS_ADMIN) names the pid allocated
 * before the next one. Another process of the machine may take the tid first, and keep it: then
 * the caller starts over with another tid.
 */
public final class TidReuse {

    private static final Path LAST_PID = Path.of("/proc/sys/kernel/ns_last_pid");
    private static final int TRIES = 20;
    private static String missing;
    private static boolean probed;

    private TidReuse() {
    }

    /**
     * Why this JVM cannot steer tids, or null when it can: writes back the value the file holds
     * (the next tid is then the one the kernel would have chosen anyway).
     */
    public static synchronized String whyNot() {
        if (!probed) {
            try {
                Files.writeString(LAST_PID, Files.readString(LAST_PID).strip());
                missing = null;
            }
            catch (IOException e) {
                missing = "this JVM cannot make Linux reuse a tid: writing " + LAST_PID + " needs CAP_SYS_ADMIN over"
                        + " the host's pid namespace (" + e + ")";
            }
            probed = true;
        }
        return missing;
    }

    /**
     * A thread on {@code tid} (which must be free) that unshared the namespaces of {@code flags};
     * where another process keeps taking the tid, the last thread tried, on another tid (the
     * caller asserts).
     */
    public static SpillingThread spillOnTid(int tid, String name, int flags) throws IOException {
        SpillingThread thread = null;
        for (int i = 0; i < TRIES; i++) {
            if (thread != null) {
                thread.close();
                TaskExits.await(thread.tid());
            }
            Files.writeString(LAST_PID, Integer.toString(tid - 1));
            thread = SpillingThread.unsharing(name, flags);
            if (thread.tid() == tid) {
                return thread;
            }
        }
        return thread;
    }
}
