package io.namspill.internal.procfs;

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
import org.jspecify.annotations.Nullable;

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
     * Reads the pid, tids and types of the running process ({@code process} {@link TaskTree#SELF})
     * or of process {@code process} under {@code procfs}; throws {@link UnsupportedProcfs} with
     * the reason.
     */
    static NioTaskTree open(Path procfs, long process) throws IOException {
        if (process == SELF) {
            int pid = readPid(procfs);
            Path taskDir = procfs.resolve("self").resolve("task");
            int[] tids = listTids(taskDir);
            return new NioTaskTree(taskDir, pid, tids, listTypes(taskDir.resolve(Integer.toString(pid)), pid));
        }
        Path taskDir = procfs.resolve(Long.toString(process)).resolve("task");
        if (process <= 0 || process > Integer.MAX_VALUE) {
            throw new UnsupportedProcfs("cannot read " + taskDir + ": no such process id");
        }
        int pid = (int) process;
        try {
            int[] tids = listTids(taskDir);
            return new NioTaskTree(taskDir, pid, tids, listTypes(taskDir.resolve(Integer.toString(pid)), pid));
        }
        catch (UnsupportedProcfs e) {
            // The generic reason would blame procfs; for a named process the errno says it all.
            String reason = whyUnreadable(taskDir);
            if (reason == null) {
                reason = whyUnreadable(taskDir.resolve(Integer.toString(pid)).resolve("ns"));
            }
            throw reason == null ? e : new UnsupportedProcfs(reason);
        }
    }

    /**
     * Why the links of {@code leader} in {@code tree} cannot be read, as {@code cannot read
     * <path>: <error> (<ERRNO>)}: for a process another user owns, whose links need ptrace access.
     */
    static String whyUnreadable(TaskTree tree, int leader) {
        Path link = Path.of(tree.path, Integer.toString(leader), "ns", tree.types.get(0));
        String reason = whyUnreadable(link);
        return reason != null ? reason : "cannot read " + link.getParent() + ": no link of the leader could be read";
    }

    /**
     * {@code cannot read <path>: No such file or directory (ENOENT)} and the like, from reading
     * {@code path} (a link or a directory) now; null where it reads.
     */
    private static @Nullable String whyUnreadable(Path path) {
        try {
            if (Files.isSymbolicLink(path)) {
                Files.readSymbolicLink(path);
            }
            else {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                    entries.iterator().hasNext();
                }
            }
            return null;
        }
        catch (NoSuchFileException e) {
            return "cannot read " + path + ": No such file or directory (ENOENT)";
        }
        catch (AccessDeniedException e) {
            return "cannot read " + path + ": Permission denied (EACCES)";
        }
        catch (NotDirectoryException e) {
            return "cannot read " + path + ": Not a directory (ENOTDIR)";
        }
        catch (IOException e) {
            return "cannot read " + path + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
        }
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
            throw new UnsupportedProcfs("no per-task procfs: " + taskDir + " is missing");
        }
        catch (AccessDeniedException e) {
            throw new UnsupportedProcfs("no per-task procfs: " + taskDir + " is not readable");
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
                        + leaderDir.getParent() + ": no reference to compare with");
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
            byte[] comm = readSmallFile(dir + "comm");
            if (comm == null && !Files.isDirectory(Path.of(dir))) {
                return null;
            }
            String name = comm == null ? null : taskName(comm);
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

        private static String taskName(byte[] comm) {
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
