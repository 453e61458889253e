package io.namspill.internal.procfs;

/**
 * procfs cannot be trusted as a whole (no per-task links, no leader, a malformed link text): the
 * message becomes the reason of an unsupported snapshot. Internal: never leaves a scan.
 */
public final class UnsupportedProcfs extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnsupportedProcfs(String message) {
        super(message, null, false, false);
    }
}
