package io.namspill.internal.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import java.util.Optional;

/**
 * Linux system calls through JNA: the calling thread's tid, {@code unshare(2)}, {@code setns(2)}
 * and the descriptors they take. Internal: not part of namspill's API, and may change without
 * notice; use {@link io.namspill.Namespaces} to switch namespaces.
 *
 * <p>Errors come back as {@link NativeCallException}, which names the call, its argument and
 * the errno. Where JNA or libc cannot be loaded (not Linux, no native access) {@link #isAvailable()}
 * is false and {@link #unavailableReason()} says why.
 */
public final class LinuxNative {

    private static final Libc LIBC;
    private static final String UNAVAILABLE;

    static {
        Libc libc = null;
        String reason = null;
        if (!LinuxAbi.isLinux()) {
            reason = "namespaces exist on Linux only, this is " + System.getProperty("os.name");
        }
        else {
            try {
                libc = Native.load("c", Libc.class);
            }
            catch (LinkageError | RuntimeException e) {
                // no JNA on the class path, no native library for this platform, native access denied
                reason = "cannot load libc through JNA: " + e;
            }
        }
        LIBC = libc;
        UNAVAILABLE = reason;
    }

    private LinuxNative() {
    }

    /** Whether the native calls can be made on this platform. */
    public static boolean isAvailable() {
        return LIBC != null;
    }

    /** Why {@link #isAvailable()} is false; empty when it is true. */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(UNAVAILABLE);
    }

    /** The calling thread's Linux thread id. */
    public static int gettid() {
        Libc libc = libc();
        try {
            return libc.gettid();
        }
        catch (UnsatisfiedLinkError e) {
            // glibc before 2.30 has no gettid() wrapper
            return (int) libc.syscall(LinuxAbi.ARCH.gettid());
        }
    }

    /** {@code unshare(flags)} for the calling thread. */
    public static void unshare(int flags) {
        try {
            libc().unshare(flags);
        }
        catch (LastErrorException e) {
            throw new NativeCallException("unshare(0x" + Integer.toHexString(flags) + ")", e.getErrorCode());
        }
    }

    /** {@code setns(fd, nstype)} for the calling thread; {@code what} names the namespace in errors. */
    public static void setns(int fd, int nstype, String what) {
        try {
            libc().setns(fd, nstype);
        }
        catch (LastErrorException e) {
            throw new NativeCallException("setns(" + what + ")", e.getErrorCode());
        }
    }

    /** Opens {@code path} read-only and close-on-exec; a namespace link or bind mount, say. */
    public static int openReadOnly(String path) {
        try {
            return libc().open(path, LinuxAbi.O_RDONLY | LinuxAbi.O_CLOEXEC);
        }
        catch (LastErrorException e) {
            throw new NativeCallException("open(" + path + ")", e.getErrorCode());
        }
    }

    /**
     * The {@code CLONE_NEW*} flag of the namespace {@code fd} refers to ({@code ioctl NS_GET_NSTYPE});
     * {@code what} names it in errors. ENOTTY means it is no namespace (or the kernel predates 4.11).
     */
    public static int namespaceType(int fd, String what) {
        try {
            return libc().ioctl(fd, LinuxAbi.NS_GET_NSTYPE);
        }
        catch (LastErrorException e) {
            throw new NativeCallException("ioctl(" + what + ", NS_GET_NSTYPE)", e.getErrorCode());
        }
    }

    /** Closes {@code fd}, ignoring errors: there is nothing a caller could do about them. */
    public static void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            libc().close(fd);
        }
        catch (LastErrorException e) {
            // EBADF or EINTR: the descriptor is gone either way
        }
    }

    private static Libc libc() {
        if (LIBC == null) {
            throw new UnsupportedOperationException(UNAVAILABLE);
        }
        return LIBC;
    }
}
