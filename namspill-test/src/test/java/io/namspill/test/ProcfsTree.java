package io.namspill.test;

import io.namspill.snapshot.TaskScanner;
import io.namspill.snapshot.TaskSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fixture procfs tree ({@code self -> <pid>}, {@code <pid>/task/<tid>/{stat,comm,ns/<type>}})
 * whose tasks a test changes between scans, for checks that must be exact, not real.
 */
final class ProcfsTree {

    static final long NET = 4026531840L;
    static final long UTS = 4026531838L;
    static final long OTHER_NET = 4026532177L;
    static final long OTHER_UTS = 4026532201L;

    private final Path root;
    private final Path tasks;

    ProcfsTree(Path root, int pid) {
        this.root = root;
        this.tasks = root.resolve(Integer.toString(pid)).resolve("task");
        try {
            Files.createDirectories(tasks);
            Files.createSymbolicLink(root.resolve("self"), Path.of(Integer.toString(pid)));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        task(pid, 1, "java", NET, UTS);
    }

    /** Writes (or rewrites) task {@code tid} with these net and uts inodes. */
    ProcfsTree task(int tid, long startTime, String comm, long net, long uts) {
        return task(tid, startTime, comm, Map.of("net", net, "uts", uts));
    }

    ProcfsTree task(int tid, long startTime, String comm, Map<String, Long> namespaces) {
        remove(tid);
        Path dir = tasks.resolve(Integer.toString(tid));
        try {
            Files.createDirectories(dir.resolve("ns"));
            Files.writeString(dir.resolve("stat"),
                    tid + " (" + comm + ") S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 " + startTime + " 0 0\n");
            Files.writeString(dir.resolve("comm"), comm + "\n");
            for (Map.Entry<String, Long> namespace : namespaces.entrySet()) {
                Files.createSymbolicLink(dir.resolve("ns").resolve(namespace.getKey()),
                        Path.of(namespace.getKey() + ":[" + namespace.getValue() + "]"));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Lets task {@code tid} vanish. */
    ProcfsTree remove(int tid) {
        Path dir = tasks.resolve(Integer.toString(tid));
        if (!Files.exists(dir)) {
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

    TaskSnapshot scan() {
        return new TaskScanner(root).scan();
    }
}
