package io.namspill.testing;

import io.namspill.snapshot.NamespaceType;
import io.namspill.snapshot.TaskScanner;
import io.namspill.snapshot.TaskSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds a fake procfs tree for parsing edge cases that a live kernel will not produce on
 * demand: {@code <root>/self -> <pid>}, {@code <root>/<pid>/task/<tid>/{stat,comm,ns/<type>}}.
 * Never the only proof of a behaviour: real namespaces prove it.
 */
public final class FixtureProcfs {

    /** The namespaces of a process started on a typical host. */
    public static final Map<String, Long> HOST = host();

    private final Path root;
    private final int pid;

    private FixtureProcfs(Path root, int pid) {
        this.root = root;
        this.pid = pid;
    }

    /** A tree under {@code root} for process {@code pid}, with a {@code self} link and no tasks yet. */
    public static FixtureProcfs create(Path root, int pid) {
        try {
            Files.createDirectories(root.resolve(Integer.toString(pid)).resolve("task"));
            Files.createSymbolicLink(root.resolve("self"), Path.of(Integer.toString(pid)));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FixtureProcfs(root, pid);
    }

    /** The root to hand to {@code new TaskScanner(root)}. */
    public Path root() {
        return root;
    }

    /** Adds a task whose links read {@code <type>:[<inode>]}, started at {@code 1000 + tid} ticks. */
    public FixtureProcfs task(int tid, String name, Map<String, Long> namespaces) {
        return task(tid, 1000 + tid, name, namespaces);
    }

    /**
     * Adds task {@code tid}, or rewrites it (a tid reused by a task started at another
     * {@code startTime}, or the same task moved to other namespaces).
     */
    public FixtureProcfs task(int tid, long startTime, String name, Map<String, Long> namespaces) {
        Map<String, String> texts = new LinkedHashMap<>();
        namespaces.forEach((type, inode) -> texts.put(type, linkType(type) + ":[" + inode + "]"));
        return remove(tid).taskWithLinkTexts(tid, startTime, name, texts);
    }

    /** Adds a task whose links read exactly {@code linkTexts} (type to link text). */
    public FixtureProcfs taskWithLinkTexts(int tid, String name, Map<String, String> linkTexts) {
        return taskWithLinkTexts(tid, 1000 + tid, name, linkTexts);
    }

    private FixtureProcfs taskWithLinkTexts(int tid, long startTime, String name, Map<String, String> linkTexts) {
        try {
            Path dir = taskDir(tid);
            Files.createDirectories(dir.resolve("ns"));
            Files.writeString(dir.resolve("comm"), name + "\n");
            Files.writeString(dir.resolve("stat"), tid + " (" + name + ") S 1 1 1 0 -1 4194624 0 0 0 0 0 0 0 0 20 0 1 0 "
                    + startTime + " 0 0\n");
            for (Map.Entry<String, String> link : linkTexts.entrySet()) {
                Files.createSymbolicLink(dir.resolve("ns").resolve(link.getKey()), Path.of(link.getValue()));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Replaces a link with a regular file, which cannot be read as a link: "unknown". */
    public FixtureProcfs unreadableLink(int tid, String type) {
        try {
            Path link = taskDir(tid).resolve("ns").resolve(type);
            Files.deleteIfExists(link);
            Files.writeString(link, "");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Lists a task whose directory is gone: what a task that ended mid-scan looks like. */
    public FixtureProcfs vanishedTask(int tid) {
        try {
            Files.createSymbolicLink(root.resolve(Integer.toString(pid)).resolve("task").resolve(Integer.toString(tid)),
                    Path.of("/nonexistent/namspill/" + tid));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Lets task {@code tid} vanish, as a task that ended. */
    public FixtureProcfs remove(int tid) {
        Path dir = taskDir(tid);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return this;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A fresh scan of this tree. */
    public TaskSnapshot scan() {
        return new TaskScanner(root).scan();
    }

    /** The directory of task {@code tid}. */
    public Path taskDir(int tid) {
        return root.resolve(Integer.toString(pid)).resolve("task").resolve(Integer.toString(tid));
    }

    /** {@code host} with some types replaced. */
    public static Map<String, Long> hostWith(Map<String, Long> changes) {
        Map<String, Long> namespaces = new LinkedHashMap<>(HOST);
        namespaces.putAll(changes);
        return namespaces;
    }

    /** The type a link text names: {@code pid_for_children} shows {@code pid:[...]}. */
    private static String linkType(String linkName) {
        return NamespaceType.ofLinkName(linkName).map(NamespaceType::typeName).orElse(linkName);
    }

    /** Every link name the core knows, with the inodes a typical host's initial namespaces have. */
    private static Map<String, Long> host() {
        Map<NamespaceType, Long> inodes = Map.of(NamespaceType.CGROUP, 4026531835L, NamespaceType.IPC, 4026531839L,
                NamespaceType.MNT, 4026531841L, NamespaceType.NET, 4026531840L, NamespaceType.PID, 4026531836L,
                NamespaceType.TIME, 4026531834L, NamespaceType.USER, 4026531837L, NamespaceType.UTS, 4026531838L);
        Map<String, Long> namespaces = new LinkedHashMap<>();
        for (String link : NamespaceType.knownLinkNames()) {
            namespaces.put(link, inodes.get(NamespaceType.ofLinkName(link).orElseThrow()));
        }
        return Map.copyOf(namespaces);
    }
}
