package io.namspill.testing;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * {@code unshare} and {@code setns} as application code calls them, through a JNA interface of its
 * own: no namspill code between the caller and the kernel (what the origin trace must find).
 */
public final class RawJna {

    /** The application's own binding. */
    public interface C extends Library {
        int unshare(int flags) throws LastErrorException;

        int setns(int fd, int nstype) throws LastErrorException;

        int open(String path, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    /** The binding; call it from the code that should appear as the origin. */
    public static final C LIBC = Native.load("c", C.class);

    private static final int O_RDONLY_CLOEXEC = 0x80000;

    private RawJna() {
    }

    /** Opens {@code path} (a namespace link) read-only; close it with {@code LIBC.close}. */
    public static int open(String path) {
        return LIBC.open(path, O_RDONLY_CLOEXEC);
    }
}
