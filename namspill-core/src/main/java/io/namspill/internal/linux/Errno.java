package io.namspill.internal.linux;

/** Names and explanations for the errno values namespace calls return. */
public final class Errno {

    private Errno() {
    }

    /** {@code "EPERM (operation not permitted: needs CAP_SYS_ADMIN)"} and the like. */
    public static String describe(int errno) {
        return switch (errno) {
            case LinuxNative.EPERM -> "EPERM (operation not permitted: needs CAP_SYS_ADMIN)";
            case LinuxNative.ENOENT -> "ENOENT (no such file: the namespace or its process is gone)";
            case LinuxNative.EBADF -> "EBADF (not an open descriptor)";
            case LinuxNative.ENOMEM -> "ENOMEM (out of memory)";
            case LinuxNative.EINVAL -> "EINVAL (not a namespace of the expected type, or not allowed for a multithreaded process)";
            case LinuxNative.ENOTTY -> "ENOTTY (not a namespace file)";
            case LinuxNative.ENOSYS -> "ENOSYS (the kernel does not support this call)";
            case 13 -> "EACCES (permission denied)";
            case 28 -> "ENOSPC (the namespace count limit is reached)";
            case LinuxNative.EUSERS -> "EUSERS (too many nested user namespaces, or not allowed for a multithreaded process)";
            default -> "errno " + errno;
        };
    }
}
