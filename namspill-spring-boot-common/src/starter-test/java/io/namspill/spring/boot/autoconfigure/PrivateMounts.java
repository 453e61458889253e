package io.namspill.spring.boot.autoconfigure;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * {@code mount(2)} for a test thread that has its own mount namespace: hides {@code /proc}
 * from that thread only, the way a request thread that entered a container's mount namespace
 * would see another procfs.
 */
final class PrivateMounts {

    private static final long MS_REC = 16384;

    private static final long MS_PRIVATE = 1 << 18;

    private interface Libc extends Library {

        int mount(String source, String target, String fstype, NativeLong flags, Pointer data)
                throws LastErrorException;
    }

    private static final Libc LIBC = Native.load("c", Libc.class);

    private PrivateMounts() {
    }

    /**
     * Mounts an empty tmpfs over {@code /proc} in the calling thread's mount namespace, which
     * must be its own ({@code unshare(CLONE_FS | CLONE_NEWNS)}).
     */
    static void hideProc() {
        // Private first, so the mount does not propagate back to the process's namespace.
        LIBC.mount(null, "/", null, new NativeLong(MS_REC | MS_PRIVATE), null);
        LIBC.mount("namspill-test", "/proc", "tmpfs", new NativeLong(0), null);
    }
}
