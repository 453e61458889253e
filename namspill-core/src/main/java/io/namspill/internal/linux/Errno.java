package io.namspill.internal.linux;

/** Names and explanations for the errno values namespace calls return. */
public final class Errno {

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EBADF = 9;
    public static final int ENOMEM = 12;
    public static final int EBUSY = 16;
    public static final int EACCES = 13;
    public static final int EINVAL = 22;
    public static final int ENOTTY = 25;
    public static final int ENOSPC = 28;
    public static final int ENOSYS = 38;
    public static final int EUSERS = 87;

    private Errno() {
    }

    /** {@code "EPERM (operation not permitted: needs CAP_SYS_ADMIN)"} and the like. */
    public static String describe(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM (operation not permitted: needs CAP_SYS_ADMIN)";
            case ENOENT -> "ENOENT (no such file: the namespace or its process is gone)";
            case EBADF -> "EBADF (not an open descriptor)";
            case ENOMEM -> "ENOMEM (out of memory)";
            case EINVAL -> "EINVAL (not a namespace of the expected type, or not allowed for a multithreaded process)";
            case ENOTTY -> "ENOTTY (not a namespace file)";
            case ENOSYS -> "ENOSYS (the kernel does not support this call)";
            case EACCES -> "EACCES (permission denied)";
            case ENOSPC -> "ENOSPC (the namespace count limit is reached)";
            case EUSERS -> "EUSERS (too many nested user namespaces, or not allowed for a multithreaded process)";
            default -> "errno " + errno;
        };
    }
}
