package io.namspill.switching;

import io.namspill.internal.linux.Errno;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.internal.linux.NativeCallException;
import io.namspill.snapshot.NamespaceType;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An open descriptor of a namespace and its type, for {@link io.namspill.Namespaces#into(OpenNamespace...)}:
 * open it once and switch into it many times, without opening the path on every switch.
 *
 * <p>Thread-safe: any number of threads may switch into it at once. Close it only after the
 * last switch into it has begun; the namespace itself lives on while a thread is inside it.
 */
public final class OpenNamespace implements AutoCloseable {

    private final int fd;
    private final NamespaceType type;
    private final String description;
    private final boolean owned;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OpenNamespace(int fd, NamespaceType type, String description, boolean owned) {
        this.fd = fd;
        this.type = type;
        this.description = description;
        this.owned = owned;
    }

    /**
     * Opens the namespace {@code path} names: {@code /proc/<pid>/ns/<type>}, {@code /run/netns/<name>}
     * or another bind mount of a namespace.
     *
     * @throws NamespaceSwitchException when the path cannot be opened or names no namespace
     */
    public static OpenNamespace open(Path path) {
        Objects.requireNonNull(path, "path");
        String description = path.toString();
        requireNative(description);
        int fd;
        try {
            fd = LinuxNative.openReadOnly(description);
        }
        catch (NativeCallException e) {
            throw failure(description, "cannot be opened", e);
        }
        try {
            return new OpenNamespace(fd, typeOf(fd, description), description, true);
        }
        catch (RuntimeException e) {
            LinuxNative.closeQuietly(fd);
            throw e;
        }
    }

    /**
     * Wraps a namespace descriptor that the caller opened and keeps owning: {@link #close()}
     * leaves it open.
     *
     * @throws NamespaceSwitchException when {@code fd} is no open namespace descriptor
     */
    public static OpenNamespace ofDescriptor(int fd) {
        String description = "descriptor " + fd;
        requireNative(description);
        return new OpenNamespace(fd, typeOf(fd, description), description, false);
    }

    /** The namespace's type, as the kernel reports it. */
    public NamespaceType type() {
        return type;
    }

    /** The open descriptor, for {@code setns}; throws once closed. */
    public int descriptor() {
        if (closed.get()) {
            throw new IllegalStateException(description + " is closed");
        }
        return fd;
    }

    /** Closes the descriptor if {@link #open(Path)} opened it; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && owned) {
            LinuxNative.closeQuietly(fd);
        }
    }

    /** The path it was opened from, or {@code "descriptor <fd>"}. */
    @Override
    public String toString() {
        return description;
    }

    private static NamespaceType typeOf(int fd, String description) {
        int flag;
        try {
            flag = LinuxNative.namespaceType(fd, description);
        }
        catch (NativeCallException e) {
            if (Errno.ENOTTY.is(e.errno())) {
                throw new NamespaceSwitchException(description, "cannot switch into " + description
                        + ": it is not a namespace (ioctl NS_GET_NSTYPE: ENOTTY); give /proc/<pid>/ns/<type>,"
                        + " /run/netns/<name> or another namespace bind mount (Linux 4.11+)", e.errno(), e);
            }
            throw failure(description, "has no namespace type", e);
        }
        return NamespaceType.ofCloneFlag(flag).orElseThrow(() -> new NamespaceSwitchException(description,
                "cannot switch into " + description + ": namespace type 0x" + Integer.toHexString(flag)
                        + " is unknown to namspill", 0, null));
    }

    private static NamespaceSwitchException failure(String description, String what, NativeCallException e) {
        return new NamespaceSwitchException(description,
                "cannot switch into " + description + ": it " + what + ": " + Errno.describe(e.errno()), e.errno(), e);
    }

    static void requireNative(String description) {
        if (!LinuxNative.isAvailable()) {
            throw new NamespaceSwitchException(description, "cannot switch into " + description + ": "
                    + LinuxNative.unavailableReason().orElse("native calls are unavailable"), 0, null);
        }
    }
}
