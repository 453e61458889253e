package io.namspill.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One task (Linux thread) of the process as one scan saw it: its tid, task name and, for every
 * namespace type, the inode of the namespace it was attached to.
 *
 * <p>The task name and start time come from the task's stat line, which a scan of {@code /proc}
 * reads only for the tasks a report can flag: the thread-group leader, every task that differs
 * from the leader in a type known on both sides, and every task with an unknown type. A task
 * attached to the leader's namespaces in every type is not {@linkplain #isDetailed() detailed}:
 * its {@link #name()} and {@link #startTime()} are empty. {@link TaskScanner#detailed()} reads them for
 * every task, for more CPU per scan; a procfs read by path always does.
 *
 * <p>A type whose link could not be read while the task was alive is <em>unknown</em> for this
 * task ({@code pid_for_children} after {@code unshare(CLONE_NEWPID)} and before the first
 * child, for example). An unknown type never makes a task spilled.
 */
public final class Task {

    // The id's two values, not a TaskId: a scan makes one Task per thread, and most ids are never asked for.
    private final int tid;
    private final long startTime;
    private final boolean leader;
    private final @Nullable String name;
    private final List<String> types;
    private final long[] inodes;
    private final boolean switched;
    private final boolean detailed;

    /**
     * @param startTime the start time in clock ticks since boot, {@code -1} where not read
     * @param types the namespace types of the snapshot, shared by all its tasks
     * @param inodes the inode per type (same order as {@code types}), {@code 0} for unknown
     * @param name the task name, null where not read
     * @param detailed whether name and start time were read
     */
    Task(int tid, long startTime, boolean leader, @Nullable String name, List<String> types, long[] inodes,
            boolean switched, boolean detailed) {
        this.tid = tid;
        this.startTime = startTime;
        this.leader = leader;
        this.name = name;
        this.types = types;
        this.inodes = inodes;
        this.switched = switched;
        this.detailed = detailed;
    }

    /** The Linux thread id. */
    public int tid() {
        return tid;
    }

    /**
     * The tid together with the start time, stable across snapshots: where the start time was not
     * read ({@link #startTime()} empty) {@link TaskId#startTime()} is {@code -1}, and the id is
     * only the tid.
     */
    public TaskId id() {
        return new TaskId(tid, startTime);
    }

    /**
     * The task's start time in clock ticks since boot (field 22 of its {@code stat}); empty where
     * it was not read.
     */
    public OptionalLong startTime() {
        return startTime < 0 ? OptionalLong.empty() : OptionalLong.of(startTime);
    }

    /**
     * Whether the scan read this task's name and start time: always for the leader, for a task
     * that differs from the leader in a type known on both sides, for a task with an unknown
     * type, and for every task of a {@link TaskScanner#detailed()} scan or a procfs read by path.
     * A detailed task may still lack one where its file could not be read: {@link #name()} and
     * {@link #startTime()} say so each.
     */
    public boolean isDetailed() {
        return detailed;
    }

    /** Whether this is the thread-group leader (tid == pid), whose namespaces are the reference. */
    public boolean isLeader() {
        return leader;
    }

    /**
     * The task name ({@code comm}): at most 15 bytes, set by the JVM or the thread itself; empty
     * where it was not read (see {@link #isDetailed()}).
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * Whether the task was inside a namespace switch made through {@link io.namspill.Namespaces} while it
     * was read: such a task may differ from the reference on purpose.
     */
    public boolean isSwitched() {
        return switched;
    }

    /** The inode of this task's namespace of {@code type}, empty where unknown or not read. */
    public OptionalLong namespace(String type) {
        int index = types.indexOf(type);
        return index < 0 ? OptionalLong.empty() : namespaceAt(index);
    }

    private OptionalLong namespaceAt(int index) {
        long inode = inodes[index];
        return inode == 0 ? OptionalLong.empty() : OptionalLong.of(inode);
    }

    /**
     * Whether {@code other}, a task of the same snapshot, was attached to the same namespace as
     * this task in every type read, unknown types alike.
     */
    public boolean hasSameNamespacesAs(Task other) {
        return inodes == other.inodes || types.equals(other.types) && Arrays.equals(inodes, other.inodes);
    }

    /** Every known namespace of this task: type to inode, in the snapshot's type order. */
    public Map<String, Long> namespaces() {
        Map<String, Long> namespaces = new LinkedHashMap<>();
        for (int i = 0; i < inodes.length; i++) {
            if (inodes[i] != 0) {
                namespaces.put(types.get(i), inodes[i]);
            }
        }
        return Collections.unmodifiableMap(namespaces);
    }

    /** The types whose link could not be read while the task was alive. */
    public List<String> unknownTypes() {
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < inodes.length; i++) {
            if (inodes[i] == 0) {
                unknown.add(types.get(i));
            }
        }
        return Collections.unmodifiableList(unknown);
    }

    @Override
    public String toString() {
        return "Task[tid=" + tid + (name == null ? "" : ", name=" + name) + (leader ? ", leader" : "")
                + (switched ? ", switched" : "") + ", namespaces=" + namespaces() + "]";
    }
}
