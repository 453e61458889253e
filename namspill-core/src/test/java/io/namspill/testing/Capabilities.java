package io.namspill.testing;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code on a throwaway thread that has dropped {@code CAP_SYS_ADMIN}: Linux capabilities are
 * per thread, so a root JVM can meet a real EPERM from {@code setns}/{@code unshare} without
 * affecting its other threads.
 */
public final class Capabilities {

    private static final int CAP_SYS_ADMIN = 21;
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;

    interface Libc extends Library {
        long syscall(long number, Object... args) throws LastErrorException;
    }

    private static final Libc LIBC = Native.load("c", Libc.class);

    private Capabilities() {
    }

    /** Runs {@code work} on a new thread without CAP_SYS_ADMIN (effective and permitted); returns its result. */
    public static <T> T withoutCapSysAdmin(Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                dropCapSysAdmin();
                result.set(work.call());
            }
            catch (Exception e) {
                failure.set(e);
            }
        }, "namspill-without-cap-sys-admin");
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private static void dropCapSysAdmin() {
        // struct __user_cap_header_struct { u32 version; int pid; } and two data structs
        // { u32 effective, permitted, inheritable; } for capabilities 0-31 and 32-63.
        int[] header = { LINUX_CAPABILITY_VERSION_3, 0 };
        int[] data = new int[6];
        LIBC.syscall(capget(), header, data);
        int bit = 1 << CAP_SYS_ADMIN;
        data[0] &= ~bit; // effective
        data[1] &= ~bit; // permitted
        data[2] &= ~bit; // inheritable
        LIBC.syscall(capset(), header, data);
    }

    private static long capget() {
        return isArm64() ? 90 : 125;
    }

    private static long capset() {
        return isArm64() ? 91 : 126;
    }

    private static boolean isArm64() {
        return System.getProperty("os.arch").contains("aarch64");
    }
}
