package io.namspill.switching;

import io.namspill.snapshot.NamespaceType;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One namespace a switch enters: named by a path and opened anew by every switch, or held open by the caller. */
final class SwitchTarget {

    private final @Nullable Path path;
    private final @Nullable OpenNamespace held;

    private SwitchTarget(@Nullable Path path, @Nullable OpenNamespace held) {
        this.path = path;
        this.held = held;
    }

    /** A namespace named by a path, opened by every switch into it. */
    static SwitchTarget of(Path path) {
        return new SwitchTarget(Objects.requireNonNull(path, "path"), null);
    }

    /** A namespace the caller opened and keeps open across switches. */
    static SwitchTarget of(OpenNamespace held) {
        return new SwitchTarget(null, Objects.requireNonNull(held, "namespace"));
    }

    /** The link {@code setns} of {@code type} changes for the calling thread: the one home of the path. */
    static String ownLink(NamespaceType type) {
        return "/proc/thread-self/ns/" + type.setnsLink();
    }

    /** The thread-group leader's link of {@code type}: the reference namespace. */
    static Path leaderLink(NamespaceType type) {
        return Path.of("/proc/self/ns/" + type.setnsLink());
    }

    /** The namespace, open for one switch; {@link #closeAfterSwitch()} says whether the switch closes it. */
    OpenNamespace openForSwitch() {
        return held != null ? held : OpenNamespace.open(Objects.requireNonNull(path));
    }

    /** Whether the switch opened the namespace itself, and closes it afterwards. */
    boolean closeAfterSwitch() {
        return held == null;
    }

    @Override
    public String toString() {
        return String.valueOf(held != null ? held : path);
    }
}
