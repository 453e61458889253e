package io.namspill.internal.linux;

import java.util.Optional;

/** The errno values namspill's system calls act on, each with the words that explain it. */
public enum Errno {

    EPERM(1, "operation not permitted: needs CAP_SYS_ADMIN"),
    ENOENT(2, "no such file: the namespace or its process is gone"),
    ESRCH(3, "no such process or thread"),
    EINTR(4, "interrupted by a signal"),
    EBADF(9, "not an open descriptor"),
    ENOMEM(12, "out of memory"),
    EACCES(13, "permission denied"),
    EBUSY(16, "busy"),
    EINVAL(22, "not a namespace of the expected type, or not allowed for a multithreaded process"),
    ENOTTY(25, "not a namespace file"),
    ENOSPC(28, "the namespace count limit is reached"),
    ENOSYS(38, "the kernel does not support this call"),
    EUSERS(87, "too many nested user namespaces, or not allowed for a multithreaded process");

    private final int number;
    private final String meaning;

    Errno(int number, String meaning) {
        this.number = number;
        this.meaning = meaning;
    }

    /** The value a failed call leaves in {@code errno}. */
    public int number() {
        return number;
    }

    /** Whether {@code errno} is this value. */
    public boolean is(int errno) {
        return errno == number;
    }

    /** {@code "EPERM (operation not permitted: needs CAP_SYS_ADMIN)"} and the like. */
    public String describe() {
        return name() + " (" + meaning + ")";
    }

    /** The named value {@code errno} is; empty for one namspill does not act on. */
    public static Optional<Errno> of(int errno) {
        for (Errno value : values()) {
            if (value.number == errno) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** {@link #describe()} of {@code errno}, or {@code "errno 71"} for one without a name here. */
    public static String describe(int errno) {
        return of(errno).map(Errno::describe).orElse("errno " + errno);
    }
}
