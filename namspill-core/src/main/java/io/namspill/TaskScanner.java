package io.namspill;

import io.namspill.internal.linux.FileCalls;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads every task of the process from procfs: {@code <procfs>/self/task/<tid>/{stat,comm,ns/*}}.
 *
 * <p>Never throws for what it finds there: a task that vanishes while it is read is skipped, a
 * link that cannot be read while its task is alive is unknown for that type, and anything that
 * makes the whole picture untrustworthy (no procfs, no namespace links, no leader, a link text
 * that is not {@code type:[inode]}) gives an {@linkplain TaskSnapshot#isSupported() unsupported}
 * snapshot with the reason.
 *
 * <h2>How {@code /proc} is read</h2>
 * Every scan reads every link of every task afresh: nothing read is kept from one scan to the
 * next. For the running system's {@code /proc} the scan goes through descriptors with direct
 * system calls ({@code NativeTaskTree}): per task one {@code O_PATH} descriptor of its
 * {@code ns} directory, a {@code readlinkat} per type relative to it, and one read of its
 * {@code stat}, which holds the task name (the same bytes as {@code comm}) and the start time, so
 * {@code comm} is not read separately. The descriptor pins the task: a task that ends while it
 * is read, even if its tid is reused at once, is skipped, never assembled from two threads.
 * Scans of at least 256 tasks on two or more processors share the
 * reads with one helper thread, {@code namspill-scan} ({@code ScanHelper}), started once by a
 * scanning platform thread that is itself in the reference namespaces of every type. Any other
 * procfs root (a fixture tree), and a JVM where the native calls are unavailable (not 64-bit
 * Linux on x86-64 or aarch64, or JDK 24+ without {@code --enable-native-access}), is read by
 * path through NIO on the calling thread, with the same results.
 *
 * <p>Thread safety: immutable; {@link #scan()} may be called from any number of threads.
 */
public final class TaskScanner {

    /** The procfs of the running system. */
    public static final Path DEFAULT_PROCFS = Path.of("/proc");

    private final Path procfs;
    private final SwitchRegistry switches;
    private final Clock clock;
    private final ScanHelper.Slot helpers;

    /** A scanner of the running JVM through {@code /proc}. */
    public TaskScanner() {
        this(DEFAULT_PROCFS);
    }

    /**
     * A scanner that reads {@code procfs} instead of {@code /proc}, for example a fixture tree in
     * a test: it must hold {@code self} (a link to the pid's directory) and
     * {@code <pid>/task/<tid>/{stat,comm,ns/<type>}}.
     */
    public TaskScanner(Path procfs) {
        this(procfs, SwitchRegistry.GLOBAL, Clock.systemUTC());
    }

    TaskScanner(Path procfs, SwitchRegistry switches, Clock clock) {
        this(procfs, switches, clock, ScanHelper.Slot.SHARED);
    }

    /** @param helpers where this scanner finds its {@link ScanHelper}; null: every scan reads on the calling thread alone */
    TaskScanner(Path procfs, SwitchRegistry switches, Clock clock, ScanHelper.Slot helpers) {
        this.procfs = Objects.requireNonNull(procfs, "procfs");
        this.switches = Objects.requireNonNull(switches, "switches");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.helpers = helpers;
    }

    /** The procfs root this scanner reads. */
    public Path procfs() {
        return procfs;
    }

    /** Reads a fresh snapshot; never throws for what procfs holds. */
    public TaskSnapshot scan() {
        var takenAt = clock.instant();
        try {
            return read(takenAt);
        }
        catch (UnsupportedProcfs e) {
            return TaskSnapshot.unsupported(e.getMessage(), takenAt);
        }
        catch (IOException | RuntimeException e) {
            return TaskSnapshot.unsupported("cannot read " + procfs + ": " + e, takenAt);
        }
    }

    private TaskSnapshot read(Instant takenAt) throws IOException {
        long switchSequence = switches.sequence();
        try (TaskTree tree = openTree()) {
            int pid = tree.pid();
            int[] tids = tree.tids();
            ScanContext scan = new ScanContext(pid, tree.types(), switches, switchSequence);
            ScanHelper helper = helpers == null ? null : helpers.forScan(tree, tids.length);
            Task[] read = new Task[tids.length];
            if (helper == null || !helper.readTogether(tree, scan, tids, read)) {
                try (TaskTree.Reader reader = tree.reader(scan)) {
                    for (int i = 0; i < tids.length; i++) {
                        read[i] = reader.read(tids[i]);
                    }
                }
            }
            List<Task> tasks = new ArrayList<>(read.length);
            Task leader = null;
            for (Task task : read) {
                if (task != null) {
                    tasks.add(task);
                    if (task.isLeader()) {
                        leader = task;
                    }
                }
            }
            if (leader == null) {
                throw new UnsupportedProcfs("the thread-group leader " + pid + " is missing from " + tree.path()
                        + ": no reference to compare with");
            }
            if (helpers != null && helper == null) {
                helpers.startIfUseful(tree, tasks, leader, scan.types().size());
            }
            switches.prune(switchSequence);
            boolean currentProcess = procfs.equals(DEFAULT_PROCFS) && pid == ProcessHandle.current().pid();
            return new TaskSnapshot(pid, scan.types(), tasks, takenAt, currentProcess, null);
        }
    }

    /** {@code /proc} through descriptors where the native calls are available, else by path through NIO. */
    private TaskTree openTree() throws IOException {
        // FileCalls first: NativeTaskTree is not even loaded where JNA is not there.
        if (procfs.equals(DEFAULT_PROCFS) && FileCalls.isAvailable()) {
            TaskTree tree = NativeTaskTree.open();
            if (tree != null) {
                return tree;
            }
        }
        return NioTaskTree.open(procfs);
    }

    /** The tid a task directory's name stands for, {@code -1} where it is not a decimal tid. */
    static int parseTid(String name) {
        if (name.isEmpty() || name.length() > 9) {
            return -1;
        }
        int tid = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            tid = tid * 10 + (c - '0');
        }
        return tid;
    }

    /** procfs cannot be trusted as a whole; the message becomes the snapshot's reason. */
    static final class UnsupportedProcfs extends RuntimeException {
        UnsupportedProcfs(String message) {
            super(message, null, false, false);
        }
    }
}
