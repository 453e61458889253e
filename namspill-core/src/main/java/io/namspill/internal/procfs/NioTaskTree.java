package io.namspill.internal.procfs;

import io.namspill.internal.text.Decimal;
import io.namspill.snapshot.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The task directory read through plain NIO, by path: works for any procfs root (a fixture tree
 * in a test) and wherever the native calls are unavailable. Opening it reads the pid, the tids
 * and the leader's types, and says precisely what is missing when procfs cannot be trusted.
 */
final class NioTaskTree extends TaskTree {

    private final Path taskDir;

    private NioTaskTree(Path taskDir, int pid, int[] tids, List<String> types) {
        super(taskDir.toString(), pid, tids, types);
        this.taskDir = taskDir;
    }

    /**
     * Reads the pid, tids and types of {@code <procfs>/<process>}; throws {@link UnsupportedProcfs}
     * with the reason.
     *
     * @param process {@link ProcfsScan#SELF} or a pid in decimal
     */
    static NioTaskTree open(Path procfs, String process) throws IOException {
        int pid = process.equals(ProcfsScan.SELF) ? readPid(procfs) : Decimal.parseId(process);
        Path taskDir = procfs.resolve(process).resolve("task");
        int[] tids = listTids(taskDir);
        List<String> types = listTypes(taskDir.resolve(Integer.toString(pid)), pid);
        return new NioTaskTree(taskDir, pid, tids, types);
    }

    @Override
    public Reader reader(ScanContext scan) {
        return new NioReader(taskDir.toString() + '/', scan);
    }

    @Override
    public void close() {
        // nothing held open between reads
    }

    private static int readPid(Path procfs) throws IOException {
        Path self = procfs.resolve("self");
        String target;
        try {
            target = Files.readSymbolicLink(self).toString();
        }
        catch (NoSuchFileException | NotLinkException e) {
            throw new UnsupportedProcfs("no procfs at " + procfs + " (" + self + " is missing)");
        }
        catch (AccessDeniedException e) {
            throw new UnsupportedProcfs(
                    "procfs at " + procfs + " is not readable (" + self + ": permission denied)");
        }
        try {
            return Integer.parseInt(target);
        }
        catch (NumberFormatException e) {
            throw new UnsupportedProcfs(self + " points to '" + target + "', not to a pid");
        }
    }

    /**
     * Checks that {@code <procfs>/<process>} names a process that is there, not one of its other
     * threads (whose directory exists too, hidden from the listing, with the task list of its
     * process): its {@code status} line {@code Tgid} is the pid. Throws {@link UnsupportedProcfs}
     * with the reason otherwise.
     */
    static void checkProcess(Path procfs, String process) {
        int pid = Decimal.parseId(process);
        Path status = procfs.resolve(process).resolve("status");
        List<String> lines;
        try {
            lines = Files.readAllLines(status, StandardCharsets.ISO_8859_1);
        }
        catch (NoSuchFileException e) {
            throw new UnsupportedProcfs(ProcfsScan.NO_SUCH_PROCESS + "pid " + pid + " (ENOENT: " + procfs.resolve(process) + " is missing)");
        }
        catch (AccessDeniedException e) {
            throw new UnsupportedProcfs("pid " + pid + " is not readable (EACCES: " + status + ")");
        }
        catch (IOException e) {
            // ESRCH: the process ended after its directory was opened
            throw new UnsupportedProcfs(ProcfsScan.NO_SUCH_PROCESS + "pid " + pid + " (" + status + ": " + e.getMessage() + ")");
        }
        boolean exited = false;
        for (String line : lines) {
            if (line.startsWith("State:")) {
                // Z or X: the leader has exited; its namespace links are gone (ENOENT)
                String state = line.substring("State:".length()).strip();
                exited = state.startsWith("Z") || state.startsWith("X");
            }
            else if (line.startsWith("Tgid:")) {
                int tgid = Decimal.parseId(line.substring("Tgid:".length()).strip());
                if (tgid != pid) {
                    throw new UnsupportedProcfs("pid " + pid + " is a thread of process " + tgid + ", not a process");
                }
            }
            else if (exited && line.startsWith("Threads:")) {
                if (Decimal.parseId(line.substring("Threads:".length()).strip()) > 1) {
                    throw new UnsupportedProcfs("the thread-group leader of pid " + pid
                            + " has exited while its other threads live on (ENOENT): no reference to compare with");
                }
                throw new UnsupportedProcfs(ProcfsScan.NO_SUCH_PROCESS + "pid " + pid
                        + " has ended (ENOENT: a zombie its parent has not reaped yet)");
            }
        }
        // no such lines (a fixture): taken as a live process
    }

    /** Whether {@code <procfs>/<process>} has ended: gone, or a zombie. */
    static boolean hasEnded(Path procfs, String process) {
        try {
            checkProcess(procfs, process);
            return false;
        }
        catch (UnsupportedProcfs e) {
            return e.getMessage().startsWith(ProcfsScan.NO_SUCH_PROCESS);
        }
    }

    private static int[] listTids(Path taskDir) throws IOException {
        int[] tids = new int[64];
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(taskDir)) {
            for (Path entry : entries) {
                int tid = Decimal.parseId(entry.getFileName().toString());
                if (tid < 0) {
                    continue; // not a task; a fixture or a future kernel may put other files here
                }
                if (count == tids.length) {
                    tids = Arrays.copyOf(tids, count * 2);
                }
                tids[count++] = tid;
            }
        }
        catch (NoSuchFileException | NotDirectoryException e) {
            throw new UnsupportedProcfs("no per-task procfs: " + taskDir + " is missing (ENOENT)");
        }
        catch (AccessDeniedException e) {
            throw new UnsupportedProcfs("no per-task procfs: " + taskDir + " is not readable (EACCES)");
        }
        int[] sorted = Arrays.copyOf(tids, count);
        Arrays.sort(sorted);
        return sorted;
    }

    private static List<String> listTypes(Path leaderDir, int pid) throws IOException {
        Path nsDir = leaderDir.resolve("ns");
        List<String> types = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(nsDir)) {
            for (Path entry : entries) {
                types.add(entry.getFileName().toString());
            }
        }
        catch (NoSuchFileException | NotDirectoryException e) {
            if (!Files.isDirectory(leaderDir)) {
                throw new UnsupportedProcfs("the thread-group leader " + pid + " is missing from "
                        + leaderDir.getParent() + " (ENOENT): no reference to compare with");
            }
            throw new UnsupportedProcfs("no per-task namespace links: " + nsDir + " is missing (ENOENT)");
        }
        catch (AccessDeniedException e) {
            throw new UnsupportedProcfs("no per-task namespace links: " + nsDir + " is not readable (EACCES)");
        }
        if (types.isEmpty()) {
            throw new UnsupportedProcfs("no per-task namespace links: " + nsDir + " is empty");
        }
        types.sort(null);
        return List.copyOf(types);
    }

    /** Reads {@code <dir>/<tid>/{stat,comm,ns/<type>}} by path. */
    static final class NioReader implements Reader {

        private static final long VANISHED = Long.MIN_VALUE;

        private final String taskBase;
        private final ScanContext scan;
        private final List<String> types;
        private final long[] row;
        private final ScanContext.SharedRows rows = new ScanContext.SharedRows();

        NioReader(String taskBase, ScanContext scan) {
            this.taskBase = taskBase;
            this.scan = scan;
            this.types = scan.types();
            this.row = new long[types.size()];
        }

        @Override
        public Task read(int tid) {
            String dir = taskBase + tid + '/';
            long startTime = readStartTime(dir);
            if (startTime == VANISHED) {
                return null;
            }
            String name = readName(dir);
            if (name == null) {
                return null;
            }
            boolean anyUnknown = false;
            for (int i = 0; i < row.length; i++) {
                String linkPath = dir + "ns/" + types.get(i);
                String text = readLink(linkPath);
                if (text == null || text.isEmpty()) { // unreadable, or empty: unknown while the task lives
                    row[i] = 0;
                    anyUnknown = true;
                    continue;
                }
                row[i] = NamespaceLinkText.parseInode(text, types.get(i), linkPath);
            }
            // An unreadable link is "unknown" only while its task lives and is not exiting; otherwise it vanished.
            if (anyUnknown && (!Files.isDirectory(Path.of(dir)) || !scan.isLeader(tid) && isExiting(dir))) {
                return null;
            }
            return scan.task(tid, startTime, name, rows.share(row));
        }

        @Override
        public void close() {
            // nothing held
        }

        private static long readStartTime(String dir) {
            byte[] stat = readSmallFile(dir + "stat");
            if (stat == null) {
                return Files.isDirectory(Path.of(dir)) ? -1 : VANISHED;
            }
            return StatLine.startTime(stat);
        }

        private static boolean isExiting(String dir) {
            byte[] stat = readSmallFile(dir + "stat");
            return stat != null && StatLine.isExiting(stat);
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
    }
}
