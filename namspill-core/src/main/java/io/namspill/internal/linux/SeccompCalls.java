package io.namspill.internal.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.Optional;

/**
 * The libc calls of the origin trace ({@code seccomp} through {@code syscall}, {@code prctl},
 * {@code ioctl}, {@code close}), bound with JNA <em>direct mapping</em> like {@link FileCalls}:
 * pointers travel as raw addresses into native memory the caller allocated once, so that the
 * trace's supervisor allocates no JNA {@code Memory} (whose constructor takes JNA's cleaner lock)
 * while a traced caller waits for it. Internal: not part of namspill's API.
 *
 * <p>{@code syscall}, {@code prctl} and {@code ioctl} are variadic in C; on x86-64 and aarch64
 * integer and pointer arguments travel the same way for fixed and variadic functions, which is
 * what makes binding them with fixed arguments legal.
 */
public final class SeccompCalls {

    private static final String UNAVAILABLE;

    static {
        String reason = FileCalls.unavailableReason().orElse(null);
        if (reason == null) {
            try {
                Native.register(SeccompCalls.class, NativeLibrary.getInstance("c"));
            }
            catch (LinkageError | RuntimeException e) {
                reason = "cannot bind libc through JNA: " + e;
            }
        }
        UNAVAILABLE = reason;
    }

    private SeccompCalls() {
    }

    /** Why the calls cannot be made (not 64-bit Linux, no JNA, no native access); empty when they can. */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(UNAVAILABLE);
    }

    /** {@code syscall(number, a, b, c)}; the errno in the exception on failure. */
    public static native long syscall(long number, long a, long b, long c) throws LastErrorException;

    /** {@code prctl(option, a, b, c, d)}. */
    public static native int prctl(int option, long a, long b, long c, long d) throws LastErrorException;

    /** {@code ioctl(fd, request, arg)} with {@code arg} a raw address. */
    public static native int ioctl(int fd, long request, long arg) throws LastErrorException;

    /** {@code close(fd)}. */
    public static native int close(int fd);
}
