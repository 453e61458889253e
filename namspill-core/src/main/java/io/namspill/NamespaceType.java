package io.namspill;

import io.namspill.internal.linux.LinuxNative;
import java.util.Optional;

/**
 * The kinds of Linux namespace a thread can be switched into, with the {@code CLONE_NEW*} flag
 * that {@code setns(2)} and {@code unshare(2)} know them by.
 *
 * <p>Not every kind can be entered by a JVM (see {@link Namespaces}): {@link #USER} and
 * {@link #TIME} refuse multithreaded processes, {@link #MNT} needs a thread of its own, and
 * {@link #PID} and {@link #TIME} only take effect for the processes the thread starts.
 */
public enum NamespaceType {

    CGROUP("cgroup", LinuxNative.CLONE_NEWCGROUP),
    IPC("ipc", LinuxNative.CLONE_NEWIPC),
    MNT("mnt", LinuxNative.CLONE_NEWNS),
    NET("net", LinuxNative.CLONE_NEWNET),
    /** Affects only the processes started afterwards ({@code pid_for_children}), never the thread. */
    PID("pid", LinuxNative.CLONE_NEWPID),
    /** Affects only the processes started afterwards ({@code time_for_children}); JVMs cannot enter it. */
    TIME("time", LinuxNative.CLONE_NEWTIME),
    /** Cannot be entered by a multithreaded process, so never by a JVM. */
    USER("user", LinuxNative.CLONE_NEWUSER),
    UTS("uts", LinuxNative.CLONE_NEWUTS);

    private final String typeName;
    private final int cloneFlag;

    NamespaceType(String typeName, int cloneFlag) {
        this.typeName = typeName;
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
    String setnsLink() {
        return this == PID || this == TIME ? typeName + "_for_children" : typeName;
    }

    @Override
    public String toString() {
        return typeName;
    }
}
