package io.namspill.internal.procfs;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.namspill.internal.linux.FileCalls;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.snapshot.Task;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads tasks relative to the task directory's descriptor, into one block of native memory:
 * the path being opened, the constant names (types, {@code ../stat}, {@code /ns/<type>}), a link
 * text and a stat line. The leader is read first ({@link #readLeader}); every other task is then
 * compared with it ({@link LeaderLinks}): first by one {@code readlinkat} per link and nothing
 * else, which settles the common case, a task in the leader's namespaces; a task that differs or
 * fails there is read again through a descriptor of its own, with its stat line. Not
 * thread-safe: one per reading thread.
 */
final class NativeTaskReader implements TaskTree.Reader {

    private static final int PATH = 0;
    private static final int STAT_NAME = 32;
    private static final int LINK = 64;
    private static final int LINK_BYTES = 256;
    private static final int TYPE_NAMES = LINK + LINK_BYTES;
    private static final int STAT_BYTES = 4096;
    /** The most digits a tid has: room before each {@code /ns/<type>} path. */
    private static final int TID_DIGITS = 10;
    private static final String NS = "/ns/";

    private final String taskDir;
    private final int taskFd;
    private final ScanContext scan;
    private final List<String> types;
    private final Memory memory;
    private final long address;
    private final ByteBuffer buffer;
    private final int[] typeNames;
    /** Per type, where {@code /ns/<type>} starts; a tid's digits are written just before it. */
    private final int[] linkPaths;
    private final int stat;
    private final long[] row;
    private final ScanContext.SharedRows rows = new ScanContext.SharedRows();
    private byte[] name = new byte[64];
    private NioTaskTree.@Nullable NioReader nio;
    private @Nullable LeaderLinks leader;

    NativeTaskReader(String taskDir, int taskFd, ScanContext scan) {
        this.taskDir = taskDir;
        this.taskFd = taskFd;
        this.scan = scan;
        this.types = scan.types();
        this.row = new long[types.size()];
        int typeBytes = 0;
        for (String type : types) {
            typeBytes += type.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        int linkPathBytes = types.size() * (TID_DIGITS + NS.length()) + typeBytes;
        this.stat = TYPE_NAMES + typeBytes + linkPathBytes;
        int size = stat + STAT_BYTES;
        this.memory = new Memory(size);
        this.address = Pointer.nativeValue(memory);
        this.buffer = memory.getByteBuffer(0, size);
        NativeText.putString(buffer, STAT_NAME, "../stat");
        this.typeNames = new int[types.size()];
        int offset = TYPE_NAMES;
        for (int i = 0; i < typeNames.length; i++) {
            typeNames[i] = offset;
            offset = NativeText.putString(buffer, offset, types.get(i));
        }
        this.linkPaths = new int[types.size()];
        for (int i = 0; i < linkPaths.length; i++) {
            linkPaths[i] = offset + TID_DIGITS;
            offset = NativeText.putString(buffer, linkPaths[i], NS + types.get(i));
        }
    }

    @Override
    public @Nullable Task readLeader(int tid) {
        int nsFd = openNamespaces(tid);
        if (nsFd < 0) {
            return readWithoutDescriptor(tid); // no reference texts: every task is then read whole
        }
        try {
            byte[][] texts = new byte[row.length][];
            boolean complete = true;
            for (int i = 0; i < row.length; i++) {
                long length = FileCalls.readlinkat(nsFd, address + typeNames[i], address + LINK, LINK_BYTES);
                if (length <= 0) {
                    row[i] = 0;
                    complete = false;
                    continue;
                }
                row[i] = parse(tid, i, (int) length);
                texts[i] = new byte[(int) length];
                buffer.get(LINK, texts[i]);
            }
            int statLength = readStat(nsFd);
            if (!complete && hasVanished(tid, nsFd, statLength)) {
                return null;
            }
            compareWith(new LeaderLinks(types, row, texts));
            return detailed(tid, statLength, leader.inodes());
        }
        finally {
            FileCalls.close(nsFd);
        }
    }

    @Override
    public @Nullable LeaderLinks leaderLinks() {
        return leader;
    }

    @Override
    public void compareWith(@Nullable LeaderLinks links) {
        this.leader = links;
    }

    @Override
    public @Nullable Task read(int tid) {
        LeaderLinks reference = leader;
        if (reference != null && reference.hasTextOfEveryReadType() && !scan.detailsOfEveryTask()
                && hasLeaderLinks(tid, reference)) {
            return scan.undetailedTask(tid, reference.inodes());
        }
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

    /**
     * Whether every link of task {@code tid} that is read per task has the leader's text, each
     * read by its path {@code <tid>/ns/<type>}: two calls fewer than through a descriptor, and
     * none of them opens a file. A task that ends meanwhile fails a link here, and is then read
     * through a descriptor, which tells whether it vanished. A path does not pin the task as a
     * descriptor does: were its tid reused between two of these reads (the pid counter going
     * round the whole pid space meanwhile, or a privileged {@code clone3} choosing the tid), the
     * links could come from two threads, and a spill of either could be missed by this scan
     * (never invented: a task reported as differing is always one thread's, read whole through
     * its descriptor); a spill lasts, and the next scan reads the thread now on that tid.
     */
    boolean hasLeaderLinks(int tid, LeaderLinks reference) {
        int digits = Decimal.digits(tid);
        for (int i = 0; i < row.length; i++) {
            if (reference.isCopied(i)) {
                continue;
            }
            int path = linkPaths[i] - digits;
            Decimal.write(buffer, path, tid);
            long length = FileCalls.readlinkat(taskFd, address + path, address + LINK, LINK_BYTES);
            if (length <= 0 || !reference.sameText(i, buffer, LINK, (int) length)) {
                return false;
            }
        }
        return true;
    }

    /** {@code openat(<tid>/ns, O_PATH)}: the descriptor that pins task {@code tid} while it is read. */
    int openNamespaces(int tid) {
        int end = Decimal.write(buffer, PATH, tid);
        buffer.put(end, (byte) '/');
        buffer.put(end + 1, (byte) 'n');
        buffer.put(end + 2, (byte) 's');
        buffer.put(end + 3, (byte) 0);
        return FileCalls.openat(taskFd, address + PATH, LinuxAbi.O_PATH | FileCalls.directoryFlag()
                | LinuxAbi.O_CLOEXEC);
    }

    /**
     * Reads task {@code tid} through {@code nsFd}, its {@link #openNamespaces} descriptor: its
     * links, each compared with the leader's, and its stat line only if a report could flag it
     * (a link failed, or a type known on both sides differs) or every task's details are wanted.
     * The stat line is read after the links and through the same descriptor, so it is the very
     * task whose links were read, and it tells a task that vanished from one that lives.
     */
    @Nullable Task read(int tid, int nsFd) {
        LeaderLinks reference = leader;
        boolean complete = true;
        boolean differs = reference == null; // without a reference every task is read whole
        boolean sameRow = reference != null;
        for (int i = 0; i < row.length; i++) {
            if (reference != null && reference.isCopied(i)) {
                row[i] = reference.inode(i);
                continue;
            }
            long length = FileCalls.readlinkat(nsFd, address + typeNames[i], address + LINK, LINK_BYTES);
            if (length <= 0) { // unreadable, or empty: unknown while the task lives
                row[i] = 0;
                complete = false;
                sameRow = false;
                continue;
            }
            if (reference != null && reference.sameText(i, buffer, LINK, (int) length)) {
                row[i] = reference.inode(i);
                continue;
            }
            long inode = parse(tid, i, (int) length);
            row[i] = inode;
            if (reference != null && inode != reference.inode(i)) {
                sameRow = false;
                // An unknown leader link cannot be judged against: only a known difference is one.
                differs |= reference.inode(i) != 0;
            }
        }
        if (complete && !differs && !scan.detailsOfEveryTask()) {
            // The common case: nothing to report, so no stat line, and the leader's array.
            return scan.undetailedTask(tid, sameRow ? reference.inodes() : rows.share(row));
        }
        int statLength = readStat(nsFd);
        if (!complete && hasVanished(tid, nsFd, statLength)) {
            return null;
        }
        return detailed(tid, statLength, sameRow ? reference.inodes() : rows.share(row));
    }

    private long parse(int tid, int type, int length) {
        long inode = length < LINK_BYTES ? NamespaceLinkText.parseInode(buffer, LINK, length)
                : NamespaceLinkText.MALFORMED;
        if (inode == NamespaceLinkText.MALFORMED) {
            throw NamespaceLinkText.malformed(buffer, LINK, length,
                    taskDir + '/' + tid + "/ns/" + types.get(type));
        }
        return inode;
    }

    /** The task with the name and start time of the stat line just read ({@code statLength} bytes, or -1). */
    private Task detailed(int tid, int statLength, long[] inodes) {
        if (statLength < 0) {
            return scan.task(tid, -1, null, inodes);
        }
        int end = stat + statLength;
        int commStart = StatLine.commStart(buffer, stat, end);
        int commEnd = StatLine.commEndOfKernelLine(buffer, commStart, end);
        return scan.task(tid, StatLine.startTimeAfter(buffer, commEnd, end), taskName(commStart, commEnd), inodes);
    }

    /**
     * After a failed read, with the stat line read again through the same descriptor: whether
     * the task is gone, or exiting (its links fail from then on). The leader is never called
     * vanished: without it nothing could be judged, so its failed links stay unknown.
     */
    private boolean hasVanished(int tid, int nsFd, int statLength) {
        if (statLength < 0) {
            return FileCalls.faccessat(nsFd, address + STAT_NAME, LinuxAbi.F_OK, 0) != 0;
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
        int fd = FileCalls.openat(nsFd, address + STAT_NAME, LinuxAbi.O_RDONLY | LinuxAbi.O_CLOEXEC);
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

    private @Nullable String taskName(int commStart, int commEnd) {
        if (commEnd < 0) {
            return null;
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
     * A task that still lives is then read by path, as {@link NioTaskTree} reads every task.
     */
    private @Nullable Task readWithoutDescriptor(int tid) {
        int end = Decimal.write(buffer, PATH, tid);
        buffer.put(end, (byte) 0);
        if (FileCalls.faccessat(taskFd, address + PATH, LinuxAbi.F_OK, 0) != 0) {
            return null;
        }
        if (nio == null) {
            nio = new NioTaskTree.NioReader(taskDir + '/', scan);
        }
        return nio.read(tid);
    }

    @Override
    public void close() {
        memory.close();
    }
}
