package io.namspill.internal.linux;

/** A system call failed; carries the errno so that callers can explain it. */
public final class NativeCallException extends RuntimeException {

    private final int errno;

    public NativeCallException(String call, int errno) {
        super(call + " failed: " + Errno.describe(errno));
        this.errno = errno;
    }

    /** The {@code errno} the call set. */
    public int errno() {
        return errno;
    }
}
