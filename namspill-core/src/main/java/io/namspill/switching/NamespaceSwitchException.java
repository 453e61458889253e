package io.namspill.switching;

import org.jspecify.annotations.Nullable;

/**
 * A switch through {@link io.namspill.Namespaces} could not be made; the calling thread is where it was
 * before (a switch is never left half-made). The message names the namespace and the cause,
 * such as {@code EPERM (operation not permitted: needs CAP_SYS_ADMIN)}.
 */
public final class NamespaceSwitchException extends RuntimeException {

    private final String namespace;
    private final int errno;

    /**
     * @param namespace the namespace, as given to the switch
     * @param errno the failed call's errno, or 0 for a refusal before any call
     */
    public NamespaceSwitchException(String namespace, String message, int errno, @Nullable Throwable cause) {
        super(message, cause);
        this.namespace = namespace;
        this.errno = errno;
    }

    /** The namespace that could not be entered: its path, or the descriptor it was given as. */
    public String namespace() {
        return namespace;
    }

    /** The {@code errno} of the failed system call; {@code 0} where the switch was refused before any call. */
    public int errno() {
        return errno;
    }
}
