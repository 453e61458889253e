package io.namspill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Thread safety: immutable; {@link #scan()} may be called from any number of threads.
 */
public final class TaskScanner {

    /** The procfs of the running system. */
    public static final Path DEFAULT_PROCFS = Path.of("/proc");

    private final Path procfs;
    private final SwitchRegistry switches;
    private final Clock clock;

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
        this.procfs = Objects.requireNonNull(procfs, "procfs");
        this.switches = Objects.requireNonNull(switches, "switches");
        this.clock = Objects.requireNonNull(clock, "clock");
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

    private TaskSnapshot read(java.time.Instant takenAt) throws IOException {
        long switchSequence = switches.sequence();
        int pid = readPid();
        Path taskDir = procfs.resolve("self").resolve("task");
        int[] tids = listTids(taskDir);
        List<String> types = listTypes(taskDir.resolve(Integer.toString(pid)), pid);

        String taskBase = taskDir.toString() + '/';
        List<Task> tasks = new ArrayList<>(tids.length);
        boolean leaderSeen = false;
        for (int tid : tids) {
            Task task = readTask(taskBase + tid + '/', tid, tid == pid, types, switchSequence);
            if (task != null) {
                tasks.add(task);
                leaderSeen |= task.isLeader();
            }
        }
        if (!leaderSeen) {
            throw new UnsupportedProcfs("the thread-group leader " + pid + " is missing from " + taskDir
                    + ": no reference to compare with");
        }
        switches.prune(switchSequence);
        boolean currentProcess = procfs.equals(DEFAULT_PROCFS) && pid == ProcessHandle.current().pid();
        return new TaskSnapshot(pid, types, tasks, takenAt, currentProcess, null);
    }

    private int readPid() throws IOException {
        Path self = procfs.resolve("self");
        String target;
        try {
            target = Files.readSymbolicLink(self).toString();
        }
        catch (NoSuchFileException | NotLinkException e) {
            throw new UnsupportedProcfs("no procfs at " + procfs + " (" + self + " is missing)");
        }
        catch (AccessDeniedException e) {
            throw new UnsupportedProcfs("procfs at " + procfs + " is not readable (" + self + ": permission denied)");
        }
        try {
            return Integer.parseInt(target);
        }
        catch (NumberFormatException e) {
            throw new UnsupportedProcfs(self + " points to '" + target + "', not to a pid");
        }
    }

    private static int[] listTids(Path taskDir) throws IOException {
        int[] tids = new int[64];
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(taskDir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!isDecimal(name)) {
                    continue; // not a task; a fixture or a future kernel may put other files here
                }
                if (count == tids.length) {
                    tids = Arrays.copyOf(tids, count * 2);
                }
                tids[count++] = Integer.parseInt(name);
            }
        }
        catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
            throw new UnsupportedProcfs("no per-task procfs: " + taskDir + " is missing");
        }
        catch (AccessDeniedException e) {
            throw new UnsupportedProcfs("no per-task procfs: " + taskDir + " is not readable");
        }
        int[] sorted = Arrays.copyOf(tids, count);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The types are the link names of the leader's {@code ns} directory, so new kernel types are kept. */
    private static List<String> listTypes(Path leaderDir, int pid) throws IOException {
        Path nsDir = leaderDir.resolve("ns");
        List<String> types = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(nsDir)) {
            for (Path entry : entries) {
                types.add(entry.getFileName().toString());
            }
        }
        catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
            if (!Files.isDirectory(leaderDir)) {
                throw new UnsupportedProcfs("the thread-group leader " + pid + " is missing from " + leaderDir.getParent()
                        + ": no reference to compare with");
            }
            throw new UnsupportedProcfs("no per-task namespace links: " + nsDir + " is missing");
        }
        catch (AccessDeniedException e) {
            throw new UnsupportedProcfs("no per-task namespace links: " + nsDir + " is not readable");
        }
        if (types.isEmpty()) {
            throw new UnsupportedProcfs("no per-task namespace links: " + nsDir + " is empty");
        }
        types.sort(null);
        return List.copyOf(types);
    }

    /** Reads one task; null when it vanished while it was read (never a partial task). */
    private Task readTask(String dir, int tid, boolean leader, List<String> types, long switchSequence) {
        long startTime = readStartTime(dir);
        if (startTime == VANISHED) {
            return null;
        }
        String name = readName(dir);
        if (name == null) {
            return null;
        }
        long[] inodes = new long[types.size()];
        boolean anyUnknown = false;
        for (int i = 0; i < inodes.length; i++) {
            String linkPath = dir + "ns/" + types.get(i);
            String text = readLink(linkPath);
            if (text == null) {
                anyUnknown = true;
                continue;
            }
            inodes[i] = NamespaceLinkText.parseInode(text, types.get(i), linkPath);
        }
        // An unreadable link is "unknown" only while its task still lives; otherwise the task is gone.
        if (anyUnknown && !Files.isDirectory(Path.of(dir))) {
            return null;
        }
        boolean switched = switches.wasSwitchedSince(tid, switchSequence);
        return new Task(new TaskId(tid, startTime), leader, name, types, inodes, switched);
    }

    private static final long VANISHED = Long.MIN_VALUE;

    private static long readStartTime(String dir) {
        byte[] stat = readSmallFile(dir + "stat");
        if (stat == null) {
            return Files.isDirectory(Path.of(dir)) ? -1 : VANISHED;
        }
        return StatLine.startTime(stat);
    }

    private static String readName(String dir) {
        byte[] comm = readSmallFile(dir + "comm");
        if (comm == null) {
            return Files.isDirectory(Path.of(dir)) ? "" : null;
        }
        int length = comm.length;
        if (length > 0 && comm[length - 1] == '\n') {
            length--;
        }
        return new String(comm, 0, length, StandardCharsets.UTF_8);
    }

    private static byte[] readSmallFile(String path) {
        try {
            return Files.readAllBytes(Path.of(path));
        }
        catch (IOException e) {
            return null;
        }
    }

    private static String readLink(String path) {
        try {
            return Files.readSymbolicLink(Path.of(path)).toString();
        }
        catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static boolean isDecimal(String name) {
        if (name.isEmpty() || name.length() > 10) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** procfs cannot be trusted as a whole; the message becomes the snapshot's reason. */
    static final class UnsupportedProcfs extends RuntimeException {
        UnsupportedProcfs(String message) {
            super(message, null, false, false);
        }
    }
}
