package io.namspill.internal.procfs;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

/**
 * The leader's namespace links as one scan read them: its inodes and link texts, which every
 * reader of the scan compares other tasks with. A task's link text equal to the leader's names
 * the same namespace, so it is compared as bytes still in the reader's buffer and not parsed.
 * Immutable once made; shared by every thread that reads for the scan.
 */
final class LeaderLinks {

    /**
     * Types no thread can hold apart from its thread-group leader, so they are copied from the
     * leader instead of read for every task:
     * <ul>
     * <li>{@code pid}: a thread is created in its group's active pid namespace
     * ({@code copy_process} refuses {@code CLONE_THREAD} with {@code CLONE_NEWPID}, and once the
     * creator's {@code pid_for_children} differs); {@code setns} changes only
     * {@code pid_for_children};</li>
     * <li>{@code user}: {@code setns} and {@code unshare} of a user namespace are {@code EINVAL} in
     * a multithreaded process ({@code userns_install}, {@code check_unshare_flags});</li>
     * <li>{@code time}: {@code setns} of a time namespace is {@code EUSERS} unless single-threaded
     * ({@code timens_install}), {@code unshare} changes only {@code time_for_children}, and a
     * {@code CLONE_VM} child keeps its parent's.</li>
     * </ul>
     * None of the three can fail for a live task while the others do not, so whether a task
     * vanished is still told by the types that are read. {@code pid_for_children} and
     * {@code time_for_children} differ per thread and are read like every other type.
     */
    static final Set<String> GROUP_WIDE_TYPES = Set.of("pid", "user", "time");

    private final long[] inodes;
    private final byte[][] texts;
    private final boolean[] copied;
    private final boolean textOfEveryReadType;

    /**
     * @param types the scan's types
     * @param inodes the leader's inode per type, 0 where unknown
     * @param texts the leader's link text per type, null where unknown
     */
    LeaderLinks(List<String> types, long[] inodes, byte[][] texts) {
        this.inodes = inodes.clone();
        this.texts = texts.clone();
        this.copied = new boolean[types.size()];
        int read = 0;
        for (int i = 0; i < copied.length; i++) {
            // Only a type the leader's link was read for is copied; an unknown one is read for every task.
            copied[i] = inodes[i] != 0 && GROUP_WIDE_TYPES.contains(types.get(i));
            read += copied[i] ? 0 : 1;
        }
        if (read == 0) {
            // Some type must be read per task, or a vanished task could not be told from a live one.
            java.util.Arrays.fill(copied, false);
        }
        boolean everyText = true;
        for (int i = 0; i < copied.length; i++) {
            everyText &= copied[i] || texts[i] != null;
        }
        this.textOfEveryReadType = everyText;
    }

    /**
     * Whether every type read per task has the leader's text to compare with; where one has
     * not (its link failed for the leader), a task can never be found equal by text alone.
     */
    boolean hasTextOfEveryReadType() {
        return textOfEveryReadType;
    }

    /** The leader's inodes (index = type index, 0 = unknown): shared by every task equal to it, never changed. */
    long[] inodes() {
        return inodes;
    }

    /** The leader's inode of type {@code index}, 0 where unknown. */
    long inode(int index) {
        return inodes[index];
    }

    /** Whether type {@code index} is copied from the leader rather than read per task. */
    boolean isCopied(int index) {
        return copied[index];
    }

    /** Whether the {@code length} bytes at {@code start} of {@code buffer} are the leader's link text of type {@code index}. */
    boolean sameText(int index, ByteBuffer buffer, int start, int length) {
        byte[] text = texts[index];
        if (text == null || text.length != length) {
            return false;
        }
        // Backwards: the inode digits at the end differ first.
        for (int i = length - 1; i >= 0; i--) {
            if (buffer.get(start + i) != text[i]) {
                return false;
            }
        }
        return true;
    }
}
