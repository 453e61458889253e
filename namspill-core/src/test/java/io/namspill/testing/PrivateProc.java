package io.namspill.testing;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * {@code mount(2)} through JNA, for a thread that has a mount namespace of its own: an empty
 * tmpfs over {@code /proc}, the way a thread that entered a container's mount namespace sees
 * another procfs. No child process ({@code mount(8)}): a process started from the spilled
 * thread would make the JDK start its process reaper there, born spilled.
 */
public final class PrivateProc {

    /** The source name of the tmpfs, to find it in a mountinfo. */
    public static final String SOURCE = "namspill-victim-test";

    private static final long MS_REC = 16384;

    private static final long MS_PRIVATE = 1 << 18;

    private interface Libc extends Library {

        int mount(String source, String target, String fstype, NativeLong flags, Pointer data) throws LastErrorException;
    }

    private static final Libc LIBC = Native.load("c", Libc.class);

    private PrivateProc() {
    }

    /**
     * Mounts an empty tmpfs over {@code /proc} in the calling thread's mount namespace, which must
     * be its own ({@code unshare(CLONE_FS | CLONE_NEWNS)}).
     */
    public static void hide() {
        // Private first, so that the mount does not propagate back to the process's namespace.
        LIBC.mount(null, "/", null, new NativeLong(MS_REC | MS_PRIVATE), null);
        LIBC.mount(SOURCE, "/proc", "tmpfs", new NativeLong(0), null);
    }
}
