package io.namspill.snapshot;

import io.namspill.internal.linux.LinuxAbi;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of Linux namespace a thread can be switched into, with the {@code CLONE_NEW*} flag
 * that {@code setns(2)} and {@code unshare(2)} know them by.
 *
 * <p>Not every kind can be entered by a JVM (see {@link io.namspill.Namespaces}): {@link #USER} and
 * {@link #TIME} refuse multithreaded processes, {@link #MNT} needs a thread of its own, and
 * {@link #PID} and {@link #TIME} only take effect for the processes the thread starts.
 */
public enum NamespaceType {

    CGROUP(LinuxAbi.CLONE_NEWCGROUP),
    IPC(LinuxAbi.CLONE_NEWIPC),
    MNT(LinuxAbi.CLONE_NEWNS),
    NET(LinuxAbi.CLONE_NEWNET),
    /** Affects only the processes started afterwards ({@code pid_for_children}), never the thread. */
    PID(LinuxAbi.CLONE_NEWPID),
    /** Affects only the processes started afterwards ({@code time_for_children}); JVMs cannot enter it. */
    TIME(LinuxAbi.CLONE_NEWTIME),
    /** Cannot be entered by a multithreaded process, so never by a JVM. */
    USER(LinuxAbi.CLONE_NEWUSER),
    UTS(LinuxAbi.CLONE_NEWUTS);

    private final String typeName;
    private final int cloneFlag;

    NamespaceType(int cloneFlag) {
        this.typeName = name().toLowerCase(Locale.ROOT); // the kernel's link name
        this.cloneFlag = cloneFlag;
    }

    /** The type's name, as in {@code /proc/<pid>/ns/<name>} and in snapshots: {@code "net"}, {@code "mnt"}. */
    public String typeName() {
        return typeName;
    }

    /** The {@code CLONE_NEW*} flag of this type. */
    public int cloneFlag() {
        return cloneFlag;
    }

    /** The type whose {@code CLONE_NEW*} flag is {@code cloneFlag}, if any. */
    public static Optional<NamespaceType> ofCloneFlag(int cloneFlag) {
        for (NamespaceType type : values()) {
            if (type.cloneFlag == cloneFlag) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * The link under {@code /proc/thread-self/ns/} that {@code setns} of this type changes: for
     * {@code pid} and {@code time} that is the one for children, since a thread never changes its own.
     */
    public String setnsLink() {
        return this == PID || this == TIME ? typeName + "_for_children" : typeName;
    }

    /**
     * Whether a thread of a JVM can be switched into a namespace of this type: not {@link #USER}
     * nor {@link #TIME}, which the kernel refuses to a multithreaded process, and a JVM always is.
     */
    public boolean isEnterableByThread() {
        return this != USER && this != TIME;
    }

    /**
     * The links under {@code /proc/<pid>/task/<tid>/ns/} that show this type: its own, and for
     * {@code pid} and {@code time} also the one for children.
     */
    public List<String> linkNames() {
        return this == PID || this == TIME ? List.of(typeName, typeName + "_for_children") : List.of(typeName);
    }

    /**
     * Every link name of every type Linux has today, sorted: {@code cgroup ipc mnt net pid
     * pid_for_children time time_for_children user uts}. A newer kernel may show more; scans read
     * whatever it shows.
     */
    public static List<String> knownLinkNames() {
        return KNOWN_LINK_NAMES;
    }

    /** The type a namespace link name shows ({@code "pid_for_children"} is {@link #PID}), if any. */
    public static Optional<NamespaceType> ofLinkName(String linkName) {
        for (NamespaceType type : values()) {
            if (type.linkNames().contains(linkName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private static final List<String> KNOWN_LINK_NAMES = Arrays.stream(values())
            .flatMap(type -> type.linkNames().stream())
            .sorted()
            .toList();

    @Override
    public String toString() {
        return typeName;
    }
}
