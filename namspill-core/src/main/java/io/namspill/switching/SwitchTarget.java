package io.namspill.switching;

import io.namspill.snapshot.NamespaceType;
import java.nio.file.Path;

/** One namespace a switch enters: named by a path and opened anew by every switch, or held open by the caller. */
sealed interface SwitchTarget {

    /** The namespace, open for one switch; {@link #closeAfterSwitch()} says whether the switch closes it. */
    OpenNamespace openForSwitch();

    /** Whether the switch opened the namespace itself, and closes it afterwards. */
    boolean closeAfterSwitch();

    /** The link {@code setns} of {@code type} changes for the calling thread: the one home of the path. */
    static String ownLink(NamespaceType type) {
        return "/proc/thread-self/ns/" + type.setnsLink();
    }

    /** The thread-group leader's link of {@code type}: the reference namespace. */
    static Path leaderLink(NamespaceType type) {
        return Path.of("/proc/self/ns/" + type.setnsLink());
    }

    /** A namespace named by a path. */
    record ByPath(Path path) implements SwitchTarget {

        @Override
        public OpenNamespace openForSwitch() {
            return OpenNamespace.open(path);
        }

        @Override
        public boolean closeAfterSwitch() {
            return true;
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** A namespace the caller opened and keeps open across switches. */
    record Held(OpenNamespace namespace) implements SwitchTarget {

        @Override
        public OpenNamespace openForSwitch() {
            return namespace;
        }

        @Override
        public boolean closeAfterSwitch() {
            return false;
        }

        @Override
        public String toString() {
            return namespace.toString();
        }
    }
}
