package io.namspill.internal.procfs;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.namspill.internal.linux.FileCalls;
import io.namspill.internal.linux.LinuxAbi;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The running system's {@code /proc/self/task} (or {@code /proc/<pid>/task}) read through
 * descriptors, with the system calls of {@link FileCalls}: the fast path for {@code /proc}.
 *
 * <p>Per task it makes one {@code readlinkat(<tid>/ns/<type>)} per type, which settles a task in
 * the leader's namespaces. A task that differs, or whose link fails, is read again through
 * {@code openat(<tid>/ns, O_PATH)}: one {@code readlinkat} per type relative to that descriptor,
 * and one read of {@code ../stat} relative to it, which holds both the start time and the task
 * name (the same bytes as the {@code comm} file), so {@code comm} is not read separately. Nothing
 * is kept between scans: every scan opens the task directory afresh and reads every link.
 *
 * <p>The {@code ns} descriptor pins the task it was opened for: should the task end and its tid
 * be reused while it is read, every read through the descriptor fails instead of reading the
 * new task, so a task reported as differing is never assembled from two threads. Only after a
 * failed read is the task's stat read again, through the same descriptor: a task that is gone,
 * or exiting (its links fail from then on), vanished; one that lives makes the failed value
 * unknown.
 *
 * <p>All memory the calls use is native and owned by the tree or one reader; the link texts and
 * stat lines are parsed in place, so a task costs the Java heap only the {@link io.namspill.snapshot.Task} itself.
 */
final class NativeTaskTree extends TaskTree {

    private static final int LISTING_BYTES = 64 * 1024;

    private final int taskFd;

    private NativeTaskTree(String taskDir, int taskFd, int pid, int[] tids, List<String> types) {
        super(taskDir, pid, tids, types);
        this.taskFd = taskFd;
    }

    /**
     * Opens {@code /proc/self/task} ({@code process} {@link TaskTree#SELF}) or
     * {@code /proc/<process>/task} and reads the pid, the tids and the leader's types; null where
     * any of it fails, and the caller reads through NIO instead, which says what is wrong. Only
     * where {@link FileCalls#isAvailable()}.
     */
    static NativeTaskTree open(long process) {
        if (process != SELF && (process <= 0 || process > Integer.MAX_VALUE)) {
            return null;
        }
        try (Memory memory = new Memory(LISTING_BYTES)) {
            long address = Pointer.nativeValue(memory);
            ByteBuffer buffer = memory.getByteBuffer(0, LISTING_BYTES).order(ByteOrder.nativeOrder());
            int pid = process == SELF ? readPid(address, buffer) : (int) process;
            if (pid <= 0) {
                return null;
            }
            String taskDir = "/proc/" + (process == SELF ? "self" : Integer.toString(pid)) + "/task";
            NativeText.putString(buffer, 0, taskDir);
            int taskFd = FileCalls.openat(LinuxAbi.AT_FDCWD, address, LinuxAbi.O_RDONLY | FileCalls.directoryFlag()
                    | LinuxAbi.O_CLOEXEC);
            if (taskFd < 0) {
                return null;
            }
            boolean opened = false;
            try {
                int[] tids = listTids(taskFd, address, buffer);
                List<String> types = tids == null ? null : listTypes(taskFd, pid, address, buffer);
                if (types == null || types.isEmpty()) {
                    return null;
                }
                opened = true;
                return new NativeTaskTree(taskDir, taskFd, pid, tids, types);
            }
            finally {
                if (!opened) {
                    FileCalls.close(taskFd);
                }
            }
        }
    }

    @Override
    public boolean readsByDescriptor() {
        return true;
    }

    @Override
    public Reader reader(ScanContext scan) {
        return new NativeTaskReader(path, taskFd, scan);
    }

    @Override
    public void close() {
        FileCalls.close(taskFd);
    }

    private static int readPid(long address, ByteBuffer buffer) {
        int link = 64;
        NativeText.putString(buffer, 0, "/proc/self");
        long length = FileCalls.readlinkat(LinuxAbi.AT_FDCWD, address, address + link, 32);
        if (length <= 0 || length >= 32) {
            return -1;
        }
        return Decimal.parseId(buffer, link, link + (int) length);
    }

    /** The tids in the task directory, ascending; null where it cannot be listed. */
    private static int[] listTids(int taskFd, long address, ByteBuffer buffer) {
        IntList tids = new IntList();
        boolean listed = DirectoryListing.forEachName(taskFd, address, buffer, LISTING_BYTES, (names, start, end) -> {
            int tid = Decimal.parseId(names, start, end);
            if (tid >= 0) { // not ".", "..", or anything else that is no task
                tids.add(tid);
            }
        });
        return listed ? tids.sorted() : null;
    }

    /** The link names of the leader's {@code ns} directory, sorted; null where it cannot be listed. */
    private static List<String> listTypes(int taskFd, int pid, long address, ByteBuffer buffer) {
        NativeText.putString(buffer, 0, pid + "/ns");
        int nsFd = FileCalls.openat(taskFd, address, LinuxAbi.O_RDONLY | FileCalls.directoryFlag() | LinuxAbi.O_CLOEXEC);
        if (nsFd < 0) {
            return null;
        }
        try {
            List<String> types = new ArrayList<>();
            boolean listed = DirectoryListing.forEachName(nsFd, address, buffer, LISTING_BYTES, (names, start, end) -> {
                String name = NativeText.string(names, start, end);
                if (!name.equals(".") && !name.equals("..")) {
                    types.add(name);
                }
            });
            types.sort(null);
            return listed ? List.copyOf(types) : null;
        }
        finally {
            FileCalls.close(nsFd);
        }
    }

    /**
     * The tids as they are listed, without boxing, in blocks that are never copied while the
     * list grows: a scan of 10,000 tasks then leaves 40 KB of blocks behind, not the 130 KB of a
     * doubling array.
     */
    private static final class IntList {

        private static final int BLOCK = 512;

        private int[][] blocks = new int[4][];
        private int size;

        void add(int value) {
            int block = size / BLOCK;
            if (block == blocks.length) {
                blocks = Arrays.copyOf(blocks, block * 2);
            }
            if (blocks[block] == null) {
                blocks[block] = new int[BLOCK];
            }
            blocks[block][size % BLOCK] = value;
            size++;
        }

        int[] sorted() {
            int[] sorted = new int[size];
            for (int start = 0; start < size; start += BLOCK) {
                System.arraycopy(blocks[start / BLOCK], 0, sorted, start, Math.min(BLOCK, size - start));
            }
            Arrays.sort(sorted);
            return sorted;
        }
    }
}
