package io.namspill.testing;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code capget(2)}/{@code capset(2)} for the calling thread only: Linux keeps credentials per
 * thread, and glibc's {@code capset} is a plain system call (unlike {@code setuid}, which glibc
 * applies to every thread). A test thread that drops a capability gets the kernel's real EPERM
 * or EACCES, while the rest of the JVM keeps its privileges. Drop only on a thread that ends
 * afterwards.
 */
public final class ThreadCapabilities {

    public static final int CAP_DAC_OVERRIDE = 1;

    public static final int CAP_DAC_READ_SEARCH = 2;

    public static final int CAP_FOWNER = 3;

    public static final int CAP_SYS_ADMIN = 21;

    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;

    private interface Libc extends Library {

        int capget(int[] header, int[] data) throws LastErrorException;

        int capset(int[] header, int[] data) throws LastErrorException;
    }

    private static final Libc LIBC = Native.load("c", Libc.class);

    private ThreadCapabilities() {
    }

    /** Removes {@code capabilities} from the calling thread's effective set (the permitted set keeps them). */
    public static void dropEffective(int... capabilities) {
        int[] header = header();
        int[] data = new int[6]; // two {effective, permitted, inheritable} words: capabilities 0-31 and 32-63
        LIBC.capget(header, data);
        for (int capability : capabilities) {
            data[(capability / 32) * 3] &= ~(1 << (capability % 32));
        }
        LIBC.capset(header(), data);
    }

    /**
     * Runs {@code work} on a new thread without CAP_SYS_ADMIN and returns its result: a real
     * EPERM from {@code setns}/{@code unshare} for the work, and for every thread it starts
     * (a new thread inherits its creator's credentials).
     */
    public static <T> T withoutCapSysAdmin(Callable<T> work) throws Exception {
        return without(work, CAP_SYS_ADMIN);
    }

    /** Runs {@code work} on a new thread without {@code capabilities} and returns its result. */
    public static <T> T without(Callable<T> work, int... capabilities) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                dropEffective(capabilities);
                result.set(work.call());
            }
            catch (Exception e) {
                failure.set(e);
            }
        }, "namspill-without-capabilities");
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    /** Whether the calling thread has {@code capability} in its effective set. */
    public static boolean hasEffective(int capability) {
        int[] data = new int[6];
        LIBC.capget(header(), data);
        return (data[(capability / 32) * 3] & (1 << (capability % 32))) != 0;
    }

    private static int[] header() {
        return new int[] { LINUX_CAPABILITY_VERSION_3, 0 }; // pid 0: the calling thread
    }
}
