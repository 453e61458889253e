package io.namspill.internal.procfs;

import io.namspill.internal.linux.FileCalls;
import io.namspill.snapshot.Task;
import io.namspill.snapshot.TaskScanner;
import io.namspill.snapshot.TaskSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One way of scanning a procfs, the work behind {@link TaskScanner}: open the task tree, read
 * every task (with the {@link ScanHelper} where worthwhile), find the leader, and make the
 * snapshot. Internal: not part of namspill's API; tests build their own with a registry, clock
 * or helper slot of their choosing.
 */
public final class ProcfsScan {

    /** The procfs entry of the calling process: the default process a scan reads. */
    static final String SELF = "self";

    /** How the reason begins where the process read is not there (any more). */
    static final String NO_SUCH_PROCESS = "no such process: ";

    private final Path procfs;
    private final String process;
    private final SwitchRegistry switches;
    private final Clock clock;
    private final ScanHelper.@Nullable Slot helpers;
    private final boolean detailsOfEveryTask;

    /**
     * A scan that reads name and start time only of the tasks a report can flag.
     *
     * @param switches the registry of tasks inside a switch made through the switching API
     * @param helpers where this scan finds its {@link ScanHelper}; null: every scan reads on the calling thread alone
     */
    public ProcfsScan(Path procfs, SwitchRegistry switches, Clock clock, ScanHelper.@Nullable Slot helpers) {
        this(procfs, switches, clock, helpers, false);
    }

    /** @param detailsOfEveryTask read name and start time of every task, not only of those a report can flag */
    public ProcfsScan(Path procfs, SwitchRegistry switches, Clock clock, ScanHelper.@Nullable Slot helpers,
            boolean detailsOfEveryTask) {
        this(procfs, SELF, switches, clock, helpers, detailsOfEveryTask);
    }

    private ProcfsScan(Path procfs, String process, SwitchRegistry switches, Clock clock,
            ScanHelper.@Nullable Slot helpers, boolean detailsOfEveryTask) {
        this.procfs = Objects.requireNonNull(procfs, "procfs");
        this.process = process;
        this.switches = Objects.requireNonNull(switches, "switches");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.helpers = helpers;
        this.detailsOfEveryTask = detailsOfEveryTask;
    }

    /** The running system's procfs (or {@code procfs}), read with the process-wide registry and helper. */
    public static ProcfsScan of(Path procfs) {
        return new ProcfsScan(procfs, SwitchRegistry.GLOBAL, Clock.systemUTC(), ScanHelper.Slot.SHARED);
    }

    /** As {@link #of}, reading name and start time of every task. */
    public static ProcfsScan detailed(Path procfs) {
        return new ProcfsScan(procfs, SwitchRegistry.GLOBAL, Clock.systemUTC(), ScanHelper.Slot.SHARED, true);
    }

    /**
     * Process {@code pid} of the running system's {@code /proc}, read on the calling thread. Its
     * tasks are never inside a switch of this JVM unless it is this JVM.
     */
    public static ProcfsScan ofProcess(long pid) {
        if (pid < 1 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("not a process id: " + pid);
        }
        boolean self = pid == ProcessHandle.current().pid();
        return new ProcfsScan(TaskScanner.DEFAULT_PROCFS, Long.toString(pid),
                self ? SwitchRegistry.GLOBAL : new SwitchRegistry(), Clock.systemUTC(), null, false);
    }

    /** The procfs root this scan reads. */
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
            String reason = e.getMessage();
            if (!reason.startsWith(NO_SUCH_PROCESS) && endedWhileRead()) {
                reason = NO_SUCH_PROCESS + "pid " + process + " ended while it was read (ENOENT: " + reason + ")";
            }
            return TaskSnapshot.unsupported(reason, takenAt);
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
            ScanContext scan = new ScanContext(pid, tree.types(), switches, switchSequence, detailsOfEveryTask);
            ScanHelper helper = helpers == null ? null : helpers.forScan(tree, tids.length);
            Task[] read = new Task[tids.length];
            int leaderIndex = Arrays.binarySearch(tids, pid);
            Task leader = null;
            try (TaskTree.Reader reader = tree.reader(scan)) {
                // The leader first: every other task is compared with its links.
                leader = leaderIndex < 0 ? null : reader.readLeader(pid);
                if (leader == null) {
                    throw new UnsupportedProcfs("the thread-group leader " + pid + " is missing from " + tree.path()
                            + ": no reference to compare with");
                }
                read[leaderIndex] = leader;
                if (helper == null || !helper.readTogether(tree, scan, tids, read, leaderIndex, reader)) {
                    for (int i = 0; i < tids.length; i++) {
                        if (i != leaderIndex) {
                            read[i] = reader.read(tids[i]);
                        }
                    }
                }
            }
            List<Task> tasks = new ArrayList<>(read.length);
            for (Task task : read) {
                if (task != null) {
                    tasks.add(task);
                }
            }
            if (helpers != null && helper == null) {
                helpers.startIfUseful(tree, tasks, leader, scan.types().size());
            }
            switches.prune(switchSequence);
            boolean currentProcess = procfs.equals(TaskScanner.DEFAULT_PROCFS) && pid == ProcessHandle.current().pid();
            return SnapshotAccess.get().snapshot(pid, scan.types(), tasks, takenAt, currentProcess);
        }
    }

    /** Whether the process read was another one than the caller and has ended now. */
    private boolean endedWhileRead() {
        return !process.equals(SELF) && NioTaskTree.hasEnded(procfs, process);
    }

    /** {@code /proc} through descriptors where the native calls are available, else by path through NIO. */
    private TaskTree openTree() throws IOException {
        if (!process.equals(SELF)) {
            NioTaskTree.checkProcess(procfs, process);
        }
        // FileCalls first: NativeTaskTree is not even loaded where JNA is not there.
        if (procfs.equals(TaskScanner.DEFAULT_PROCFS) && FileCalls.isAvailable()) {
            TaskTree tree = NativeTaskTree.open(process);
            if (tree != null) {
                return tree;
            }
        }
        return NioTaskTree.open(procfs, process);
    }

}
