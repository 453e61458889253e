package io.namspill.internal.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.Optional;

/**
 * The file calls of the procfs scan ({@code openat}, {@code readlinkat}, {@code read},
 * {@code close}, {@code faccessat}, {@code getdents64}), bound with JNA <em>direct mapping</em>:
 * a scan makes one per namespace link of every task, so each must cost little more than the
 * system call itself. Internal: not part of namspill's API.
 *
 * <p>Pointers are passed as raw addresses ({@code long}) into memory the caller owns, so that a
 * call allocates nothing on the Java heap; this is why the binding is limited to 64-bit Linux
 * (x86-64 and aarch64, where an address and a {@code long} travel the same way and where the
 * {@code getdents64} syscall number is known). Calls return what libc returns ({@code -1} on
 * failure); the scan needs no errno: it checks whether the task still lives instead.
 *
 * <p>On JDK 24 and later JNA loads native code only with native access enabled
 * ({@code --enable-native-access=ALL-UNNAMED}); without it this binding is not used, so that a
 * scan never makes the JVM print a restricted-method warning. Callers fall back to plain NIO.
 */
public final class FileCalls {

    private static final String UNAVAILABLE;

    static {
        String reason = null;
        if (!LinuxAbi.isLinux()) {
            reason = "not Linux";
        }
        else if (LinuxAbi.ARCH == null) {
            reason = "no direct binding for " + System.getProperty("os.arch");
        }
        if (reason == null) {
            reason = nativeAccessDenied();
        }
        if (reason == null) {
            try {
                Native.register(FileCalls.class, NativeLibrary.getInstance("c"));
                if (Native.LONG_SIZE != 8 || Native.POINTER_SIZE != 8) {
                    reason = "not a 64-bit JVM";
                }
            }
            catch (LinkageError | RuntimeException e) {
                reason = "cannot bind libc through JNA: " + e;
            }
        }
        UNAVAILABLE = reason;
    }

    private FileCalls() {
    }

    /** Whether the calls can be made; when not, callers read procfs through NIO. */
    public static boolean isAvailable() {
        return UNAVAILABLE == null;
    }

    /** Why {@link #isAvailable()} is false; empty when it is true. */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(UNAVAILABLE);
    }

    /** {@code O_DIRECTORY}, whose value differs between architectures. */
    public static int directoryFlag() {
        return LinuxAbi.ARCH.directoryFlag();
    }

    /** {@code openat(dirfd, path, flags)}: {@code path} is the address of a NUL-terminated name. */
    public static native int openat(int dirfd, long path, int flags);

    /** {@code readlinkat(dirfd, path, buf, size)}: the length read, or {@code -1}. */
    public static native long readlinkat(int dirfd, long path, long buf, long size);

    /** {@code read(fd, buf, count)}: the length read, or {@code -1}. */
    public static native long read(int fd, long buf, long count);

    /** {@code close(fd)}. */
    public static native int close(int fd);

    /** {@code faccessat(dirfd, path, mode, flags)}: {@code 0} where {@code path} exists for {@link LinuxAbi#F_OK}. */
    public static native int faccessat(int dirfd, long path, int mode, int flags);

    private static native long syscall(long number, long fd, long buf, long count);

    /** {@code getdents64(fd, buf, count)}: bytes of {@code struct linux_dirent64} read, 0 at the end, or {@code -1}. */
    public static long getdents64(int fd, long buf, long count) {
        return syscall(LinuxAbi.ARCH.getdents64(), fd, buf, count);
    }

    /**
     * On JDK 24+ loading JNA's native library without native access prints a warning (and a
     * later JDK will refuse): the scan must not cause that, so it asks first, without
     * initialising JNA.
     */
    private static String nativeAccessDenied() {
        if (Runtime.version().feature() < 24) {
            return null;
        }
        try {
            Class<?> jna = Class.forName("com.sun.jna.Native", false, FileCalls.class.getClassLoader());
            Module module = jna.getModule();
            boolean enabled = (Boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(module);
            return enabled ? null : "native access is not enabled for " + module
                    + " (--enable-native-access=ALL-UNNAMED)";
        }
        catch (ReflectiveOperationException | RuntimeException e) {
            return "cannot tell whether native access is enabled: " + e;
        }
    }
}
