package io.namspill;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.namspill.internal.linux.FileCalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The running system's {@code /proc/self/task} read through descriptors, with the system calls
 * of {@link FileCalls}: the fast path of {@link TaskScanner} for {@code /proc}.
 *
 * <p>Per task it makes one {@code openat(<tid>/ns, O_PATH)}, one {@code readlinkat} per type
 * relative to that descriptor (the kernel walks one path component per link instead of three),
 * and one read of {@code ../stat} relative to it, which holds both the start time and the task
 * name (the same bytes as the {@code comm} file), so {@code comm} is not read separately. Nothing
 * is kept between scans: every scan opens the task directory afresh and reads every link.
 *
 * <p>The {@code ns} descriptor pins the task it was opened for: should the task end and its tid
 * be reused while it is read, every read through the descriptor fails instead of reading the
 * new task, so a task is never assembled from two threads. Only after a failed read is the
 * task's stat read again, through the same descriptor: a task that is gone, or exiting (its
 * links fail from then on), vanished; one that lives makes the failed value unknown.
 *
 * <p>All memory the calls use is native and owned by the tree or one reader; the link texts and
 * stat lines are parsed in place, so a task costs the Java heap only the {@link Task} itself.
 */
final class NativeTaskTree extends TaskTree {

    private static final String TASK_DIR = "/proc/self/task";
    private static final int LISTING_BYTES = 64 * 1024;

    private final int taskFd;

    private NativeTaskTree(int taskFd, int pid, int[] tids, List<String> types) {
        super(TASK_DIR, pid, tids, types);
        this.taskFd = taskFd;
    }

    /**
     * Opens {@code /proc/self/task} and reads the pid, the tids and the leader's types; null where
     * any of it fails, and the caller reads through NIO instead, which says what is wrong. Only
     * where {@link FileCalls#isAvailable()}.
     */
    static NativeTaskTree open() {
        try (Memory memory = new Memory(LISTING_BYTES)) {
            long address = Pointer.nativeValue(memory);
            ByteBuffer buffer = memory.getByteBuffer(0, LISTING_BYTES).order(ByteOrder.nativeOrder());
            int pid = readPid(address, buffer);
            if (pid <= 0) {
                return null;
            }
            putString(buffer, 0, TASK_DIR);
            int taskFd = FileCalls.openat(FileCalls.AT_FDCWD, address, FileCalls.O_RDONLY | FileCalls.directoryFlag()
                    | FileCalls.O_CLOEXEC);
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
                return new NativeTaskTree(taskFd, pid, tids, types);
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
        return new NativeReader(taskFd, scan);
    }

    @Override
    public void close() {
        FileCalls.close(taskFd);
    }

    private static int readPid(long address, ByteBuffer buffer) {
        int link = 64;
        putString(buffer, 0, "/proc/self");
        long length = FileCalls.readlinkat(FileCalls.AT_FDCWD, address, address + link, 32);
        if (length <= 0 || length >= 32) {
            return -1;
        }
        return parseDecimal(buffer, link, link + (int) length);
    }

    private static int[] listTids(int taskFd, long address, ByteBuffer buffer) {
        int[] tids = new int[256];
        int count = 0;
        while (true) {
            long read = FileCalls.getdents64(taskFd, address, LISTING_BYTES);
            if (read < 0) {
                return null;
            }
            if (read == 0) {
                break;
            }
            for (int entry = 0; entry < read; entry += buffer.getShort(entry + DIRENT_RECLEN) & 0xffff) {
                int nameStart = entry + DIRENT_NAME;
                int tid = parseDecimal(buffer, nameStart, nameEnd(buffer, nameStart));
                if (tid < 0) {
                    continue; // ".", "..", or not a task
                }
                if (count == tids.length) {
                    tids = Arrays.copyOf(tids, count * 2);
                }
                tids[count++] = tid;
            }
        }
        int[] sorted = Arrays.copyOf(tids, count);
        Arrays.sort(sorted);
        return sorted;
    }

    private static List<String> listTypes(int taskFd, int pid, long address, ByteBuffer buffer) {
        putString(buffer, 0, pid + "/ns");
        int nsFd = FileCalls.openat(taskFd, address, FileCalls.O_RDONLY | FileCalls.directoryFlag() | FileCalls.O_CLOEXEC);
        if (nsFd < 0) {
            return null;
        }
        try {
            List<String> types = new ArrayList<>();
            while (true) {
                long read = FileCalls.getdents64(nsFd, address, LISTING_BYTES);
                if (read < 0) {
                    return null;
                }
                if (read == 0) {
                    break;
                }
                for (int entry = 0; entry < read; entry += buffer.getShort(entry + DIRENT_RECLEN) & 0xffff) {
                    int nameStart = entry + DIRENT_NAME;
                    String name = ascii(buffer, nameStart, nameEnd(buffer, nameStart));
                    if (!name.equals(".") && !name.equals("..")) {
                        types.add(name);
                    }
                }
            }
            types.sort(null);
            return List.copyOf(types);
        }
        finally {
            FileCalls.close(nsFd);
        }
    }

    /** {@code struct linux_dirent64}: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, char d_name[]. */
    private static final int DIRENT_RECLEN = 16;
    private static final int DIRENT_NAME = 19;

    private static int nameEnd(ByteBuffer buffer, int start) {
        int end = start;
        while (buffer.get(end) != 0) {
            end++;
        }
        return end;
    }

    /** The decimal in {@code [start, end)}, or {@code -1} where it is not one (at most 9 digits). */
    static int parseDecimal(ByteBuffer buffer, int start, int end) {
        if (end <= start || end - start > 9) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            byte c = buffer.get(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String ascii(ByteBuffer buffer, int start, int end) {
        byte[] bytes = new byte[end - start];
        buffer.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Writes {@code text} NUL-terminated at {@code offset}; returns the offset after the NUL. */
    static int putString(ByteBuffer buffer, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.put(offset, bytes);
        buffer.put(offset + bytes.length, (byte) 0);
        return offset + bytes.length + 1;
    }

    /** Writes the decimal {@code value} (not negative) at {@code offset}; returns the offset after it. */
    static int putDecimal(ByteBuffer buffer, int offset, int value) {
        int digits = 1;
        for (int rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int i = offset + digits - 1; i >= offset; i--) {
            buffer.put(i, (byte) ('0' + value % 10));
            value /= 10;
        }
        return offset + digits;
    }

    /**
     * Reads tasks relative to the task directory's descriptor, into one block of native memory:
     * the path being opened, the constant names (types, {@code ../stat}), a link text and a stat
     * line. Not thread-safe: one per reading thread.
     */
    static final class NativeReader implements Reader {

        private static final int PATH = 0;
        private static final int STAT_NAME = 32;
        private static final int LINK = 64;
        private static final int LINK_BYTES = 256;
        private static final int TYPE_NAMES = LINK + LINK_BYTES;
        private static final int STAT_BYTES = 4096;

        private final int taskFd;
        private final ScanContext scan;
        private final List<String> types;
        private final Memory memory;
        private final long address;
        private final ByteBuffer buffer;
        private final int[] typeNames;
        private final int stat;
        private final long[] row;
        private final ScanContext.SharedRows rows = new ScanContext.SharedRows();
        private byte[] name = new byte[64];
        private NioTaskTree.NioReader nio;

        NativeReader(int taskFd, ScanContext scan) {
            this.taskFd = taskFd;
            this.scan = scan;
            this.types = scan.types();
            this.row = new long[types.size()];
            int typeBytes = 0;
            for (String type : types) {
                typeBytes += type.getBytes(StandardCharsets.UTF_8).length + 1;
            }
            this.stat = TYPE_NAMES + typeBytes;
            int size = stat + STAT_BYTES;
            this.memory = new Memory(size);
            this.address = Pointer.nativeValue(memory);
            this.buffer = memory.getByteBuffer(0, size);
            putString(buffer, STAT_NAME, "../stat");
            this.typeNames = new int[types.size()];
            int offset = TYPE_NAMES;
            for (int i = 0; i < typeNames.length; i++) {
                typeNames[i] = offset;
                offset = putString(buffer, offset, types.get(i));
            }
        }

        @Override
        public Task read(int tid) {
            int nsFd = openNamespaces(tid);
            if (nsFd < 0) {
                return readWithoutDescriptor(tid);
            }
            try {
                return read(tid, nsFd);
            }
            finally {
                FileCalls.close(nsFd);
            }
        }

        /** {@code openat(<tid>/ns, O_PATH)}: the descriptor that pins task {@code tid} while it is read. */
        int openNamespaces(int tid) {
            int end = putDecimal(buffer, PATH, tid);
            buffer.put(end, (byte) '/');
            buffer.put(end + 1, (byte) 'n');
            buffer.put(end + 2, (byte) 's');
            buffer.put(end + 3, (byte) 0);
            return FileCalls.openat(taskFd, address + PATH, FileCalls.O_PATH | FileCalls.directoryFlag()
                    | FileCalls.O_CLOEXEC);
        }

        /** Reads task {@code tid} through {@code nsFd}, its {@link #openNamespaces} descriptor. */
        Task read(int tid, int nsFd) {
            int statLength = readStat(nsFd);
            boolean complete = statLength > 0;
            for (int i = 0; i < row.length; i++) {
                long length = FileCalls.readlinkat(nsFd, address + typeNames[i], address + LINK, LINK_BYTES);
                if (length <= 0) { // unreadable, or empty: unknown while the task lives
                    row[i] = 0;
                    complete = false;
                    continue;
                }
                long inode = length < LINK_BYTES ? NamespaceLinkText.parseInode(buffer, LINK, (int) length)
                        : NamespaceLinkText.MALFORMED;
                if (inode == NamespaceLinkText.MALFORMED) {
                    throw NamespaceLinkText.malformed(buffer, LINK, (int) length,
                            TASK_DIR + '/' + tid + "/ns/" + types.get(i));
                }
                row[i] = inode;
            }
            if (!complete) {
                // Whatever could not be read is unknown only while the task lives; asked again after the failure.
                statLength = readStat(nsFd);
                if (hasVanished(tid, nsFd, statLength)) {
                    return null;
                }
            }
            if (statLength < 0) {
                return scan.task(tid, -1, "", rows.share(row));
            }
            int end = stat + statLength;
            int commStart = StatLine.commStart(buffer, stat, end);
            int commEnd = StatLine.commEndOfKernelLine(buffer, commStart, end);
            return scan.task(tid, StatLine.startTimeAfter(buffer, commEnd, end), taskName(commStart, commEnd),
                    rows.share(row));
        }

        /**
         * After a failed read, with the stat line read again through the same descriptor: whether
         * the task is gone, or exiting (its links fail from then on). The leader is never called
         * vanished: without it nothing could be judged, so its failed links stay unknown.
         */
        private boolean hasVanished(int tid, int nsFd, int statLength) {
            if (statLength < 0) {
                return FileCalls.faccessat(nsFd, address + STAT_NAME, FileCalls.F_OK, 0) != 0;
            }
            if (scan.isLeader(tid)) {
                return false;
            }
            int end = stat + statLength;
            int commEnd = StatLine.commEndOfKernelLine(buffer, StatLine.commStart(buffer, stat, end), end);
            return StatLine.isExitingAfter(buffer, commEnd, end);
        }

        /** Reads {@code ../stat} into the stat block; its length, or {@code -1}. */
        private int readStat(int nsFd) {
            int fd = FileCalls.openat(nsFd, address + STAT_NAME, FileCalls.O_RDONLY | FileCalls.O_CLOEXEC);
            if (fd < 0) {
                return -1;
            }
            try {
                long length = FileCalls.read(fd, address + stat, STAT_BYTES);
                // A stat line is far shorter than the block; one that fills it cannot be trusted.
                return length > 0 && length < STAT_BYTES ? (int) length : -1;
            }
            finally {
                FileCalls.close(fd);
            }
        }

        private String taskName(int commStart, int commEnd) {
            if (commEnd < 0) {
                return "";
            }
            int length = commEnd - commStart;
            if (name.length < length) {
                name = new byte[length];
            }
            buffer.get(commStart, name, 0, length);
            return new String(name, 0, length, StandardCharsets.UTF_8);
        }

        /**
         * The ns directory cannot be opened: the task vanished, or (rare) no descriptor is left.
         * A task that still lives is then read by path, as {@link NioTaskTree} reads every task
         * (on the helper too, which is in the reference namespaces, so the path leads to the
         * procfs the scanning thread opened unless that thread itself left them).
         */
        private Task readWithoutDescriptor(int tid) {
            int end = putDecimal(buffer, PATH, tid);
            buffer.put(end, (byte) 0);
            if (FileCalls.faccessat(taskFd, address + PATH, FileCalls.F_OK, 0) != 0) {
                return null;
            }
            if (nio == null) {
                nio = new NioTaskTree.NioReader(TASK_DIR + '/', scan);
            }
            return nio.read(tid);
        }

        @Override
        public void close() {
            memory.close();
        }
    }
}
