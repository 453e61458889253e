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

    private final Path procfs;
    private final SwitchRegistry switches;
    private final Clock clock;
    private final ScanHelper.@Nullable Slot helpers;

    /**
     * @param switches the registry of tasks inside a switch made through the switching API
     * @param helpers where this scan finds its {@link ScanHelper}; null: every scan reads on the calling thread alone
     */
    public ProcfsScan(Path procfs, SwitchRegistry switches, Clock clock, ScanHelper.@Nullable Slot helpers) {
        this.procfs = Objects.requireNonNull(procfs, "procfs");
        this.switches = Objects.requireNonNull(switches, "switches");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.helpers = helpers;
    }

    /** The running system's procfs (or {@code procfs}), read with the process-wide registry and helper. */
    public static ProcfsScan of(Path procfs) {
        return new ProcfsScan(procfs, SwitchRegistry.GLOBAL, Clock.systemUTC(), ScanHelper.Slot.SHARED);
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
            boolean currentProcess = procfs.equals(TaskScanner.DEFAULT_PROCFS) && pid == ProcessHandle.current().pid();
            return SnapshotAccess.get().snapshot(pid, scan.types(), tasks, takenAt, currentProcess);
        }
    }

    /** {@code /proc} through descriptors where the native calls are available, else by path through NIO. */
    private TaskTree openTree() throws IOException {
        // FileCalls first: NativeTaskTree is not even loaded where JNA is not there.
        if (procfs.equals(TaskScanner.DEFAULT_PROCFS) && FileCalls.isAvailable()) {
            TaskTree tree = NativeTaskTree.open();
            if (tree != null) {
                return tree;
            }
        }
        return NioTaskTree.open(procfs);
    }

}
