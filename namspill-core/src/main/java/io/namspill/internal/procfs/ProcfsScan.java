package io.namspill.internal.procfs;

import io.namspill.internal.linux.FileCalls;
import io.namspill.snapshot.Task;
import io.namspill.snapshot.TaskSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * One way of scanning a procfs, the work behind {@link io.namspill.snapshot.TaskScanner}: open
 * the task tree, read every task (split over a caller's executor where one is given), find the
 * leader, and make the snapshot. Internal: not part of namspill's API.
 */
public final class ProcfsScan {

    /** The procfs of the running system. */
    public static final Path PROC = Path.of("/proc");

    private static final String NO_SUCH_PROCESS = "no such process: ";

    private final Path procfs;
    private final long pid;
    private final SwitchRegistry switches;
    private final Clock clock;
    private final boolean detailsOfEveryTask;
    private final @Nullable Executor reads;

    private ProcfsScan(Path procfs, long pid, SwitchRegistry switches, boolean detailsOfEveryTask,
            @Nullable Executor reads) {
        this.procfs = Objects.requireNonNull(procfs, "procfs");
        this.pid = pid;
        this.switches = Objects.requireNonNull(switches, "switches");
        this.clock = Clock.systemUTC();
        this.detailsOfEveryTask = detailsOfEveryTask;
        this.reads = reads;
    }

    /**
     * The running process in {@code procfs} (through its {@code self} link), read with the
     * process-wide switch registry, name and start time only of the tasks a report can flag.
     */
    public static ProcfsScan of(Path procfs) {
        return new ProcfsScan(procfs, TaskTree.SELF, SwitchRegistry.GLOBAL, false, null);
    }

    /**
     * Process {@code pid} in {@code /proc}; this JVM's switch registry applies only where
     * {@code pid} is this JVM's.
     */
    public static ProcfsScan ofProcess(long pid) {
        if (pid < 1 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("not a process id: " + pid);
        }
        boolean self = pid == ProcessHandle.current().pid();
        return new ProcfsScan(PROC, pid, self ? SwitchRegistry.GLOBAL : new SwitchRegistry(), false, null);
    }

    /** This scan, reading name and start time of every task. */
    public ProcfsScan detailed() {
        return new ProcfsScan(procfs, pid, switches, true, reads);
    }

    /** This scan, splitting its reads over the calling thread and jobs run on {@code executor} ({@link SharedReads}). */
    public ProcfsScan readingOn(Executor executor) {
        return new ProcfsScan(procfs, pid, switches, detailsOfEveryTask, Objects.requireNonNull(executor, "executor"));
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
            if (pid != TaskTree.SELF && !reason.startsWith(NO_SUCH_PROCESS) && !Files.exists(processDir())) {
                // Ended before or while it was read: whatever failed, that is the reason.
                reason = NO_SUCH_PROCESS + "pid " + pid + " is gone (ENOENT): " + reason;
            }
            return TaskSnapshot.unsupported(reason, takenAt);
        }
        catch (IOException | RuntimeException e) {
            return TaskSnapshot.unsupported("cannot read " + procfs + ": " + e, takenAt);
        }
    }

    private TaskSnapshot read(Instant takenAt) throws IOException {
        if (pid != TaskTree.SELF) {
            refuseNoProcess();
        }
        long switchSequence = switches.sequence();
        try (TaskTree tree = openTree()) {
            int leaderTid = tree.pid;
            int[] tids = tree.tids;
            ScanContext scan = new ScanContext(leaderTid, tree.types, switches, switchSequence, detailsOfEveryTask);
            Task[] read = new Task[tids.length];
            int leaderIndex = Arrays.binarySearch(tids, leaderTid);
            try (TaskTree.Reader reader = tree.reader(scan)) {
                // The leader first: every other task is compared with its links.
                Task leader = leaderIndex < 0 ? null : reader.readLeader(leaderTid);
                if (leader == null) {
                    throw new UnsupportedProcfs("the thread-group leader " + leaderTid + " is missing from "
                            + tree.path + ": no reference to compare with");
                }
                if (pid != TaskTree.SELF && leader.namespaces().isEmpty()) {
                    throw new UnsupportedProcfs(NioTaskTree.whyUnreadable(tree, leaderTid));
                }
                read[leaderIndex] = leader;
                if (reads != null && tree.readsByDescriptor()) {
                    SharedReads.readAll(reads, tree, scan, tids, read, leaderIndex, reader);
                }
                else {
                    for (int i = 0; i < tids.length; i++) {
                        if (i != leaderIndex) {
                            read[i] = reader.read(tids[i]);
                        }
                    }
                }
            }
            switches.prune(switchSequence);
            boolean currentProcess = procfs.equals(PROC) && leaderTid == ProcessHandle.current().pid();
            return SnapshotAccess.get().snapshot(leaderTid, scan.types(), withoutVanished(read), takenAt, currentProcess);
        }
    }

    /**
     * {@code read} without the tasks that vanished (null), in place: one array of the scan's size
     * is all the snapshot's list costs, and it is copied only where a task vanished.
     */
    private static Task[] withoutVanished(Task[] read) {
        int kept = 0;
        for (Task task : read) {
            if (task != null) {
                read[kept++] = task;
            }
        }
        return kept == read.length ? read : Arrays.copyOf(read, kept);
    }

    /**
     * {@code /proc/<tid>} of a thread that is not its group's leader lists the whole group, and a
     * zombie has no links: both would be judged against no reference or the wrong one.
     */
    private void refuseNoProcess() {
        List<String> status;
        try {
            status = Files.readAllLines(processDir().resolve("status"));
        }
        catch (IOException e) {
            return; // reading the task tree says what is wrong, with the errno
        }
        String tgid = statusField(status, "Tgid:");
        if (tgid != null && !tgid.equals(Long.toString(pid))) {
            throw new UnsupportedProcfs("pid " + pid + " is a thread of process " + tgid + ", not a process");
        }
        String state = statusField(status, "State:");
        if (state != null && state.startsWith("Z")) {
            String threads = statusField(status, "Threads:");
            throw new UnsupportedProcfs(threads == null || threads.equals("1")
                    ? NO_SUCH_PROCESS + "pid " + pid + " has ended (a zombie whose parent has not reaped it; its links give ENOENT)"
                    : "the thread-group leader of pid " + pid + " has ended while " + threads
                            + " threads live on: no reference to compare with");
        }
    }

    private Path processDir() {
        return procfs.resolve(Long.toString(pid));
    }

    private static @Nullable String statusField(List<String> status, String name) {
        for (String line : status) {
            if (line.startsWith(name)) {
                return line.substring(name.length()).trim();
            }
        }
        return null;
    }

    /** {@code /proc} through descriptors where the native calls are available, else by path through NIO. */
    private TaskTree openTree() throws IOException {
        // FileCalls first: NativeTaskTree is not even loaded where JNA is not there.
        if (procfs.equals(PROC) && FileCalls.isAvailable()) {
            TaskTree tree = NativeTaskTree.open(pid);
            if (tree != null) {
                return tree;
            }
        }
        return NioTaskTree.open(procfs, pid);
    }
}
