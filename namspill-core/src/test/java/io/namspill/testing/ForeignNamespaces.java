package io.namspill.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process that holds namespaces of its own ({@code unshare --net --uts ... sleep}),
 * so that a thread can {@code setns} into them; killed on {@link #close()}.
 */
public final class ForeignNamespaces implements AutoCloseable {

    private final Process process;
    private final long pid;

    private ForeignNamespaces(Process process, long pid) {
        this.process = process;
        this.pid = pid;
    }

    /**
     * Starts {@code unshare <flags> sleep 600}; e.g. {@code "--net", "--uts"}. With
     * {@code "--pid", "--fork"} the namespaces are held by the forked child (pid 1 inside).
     */
    public static ForeignNamespaces start(String... unshareFlags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("unshare");
        command.addAll(List.of(unshareFlags));
        command.add("sleep");
        command.add("600");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        long pid = process.pid();
        boolean forks = command.contains("--fork") || command.contains("-f");
        // Wait until the namespaces exist: the target's links differ from ours.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("unshare exited with " + process.exitValue() + ": "
                        + new String(process.getInputStream().readAllBytes()));
            }
            long holder = forks ? firstChild(pid) : pid;
            if (holder > 0 && isReady(holder, unshareFlags)) {
                return new ForeignNamespaces(process, holder);
            }
            process.waitFor(10, TimeUnit.MILLISECONDS);
        }
        process.destroyForcibly();
        throw new IOException("unshare did not create its namespaces in time: " + command);
    }

    private static boolean isReady(long pid, String[] flags) throws IOException {
        try {
            String comm = Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
            return comm.equals("sleep");
        }
        catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    private static long firstChild(long pid) throws IOException {
        Path children = Path.of("/proc/" + pid + "/task/" + pid + "/children");
        try {
            String text = Files.readString(children).strip();
            return text.isEmpty() ? -1 : Long.parseLong(text.split(" ")[0]);
        }
        catch (java.nio.file.NoSuchFileException e) {
            return -1;
        }
    }

    /** The pid of the process that holds the namespaces. */
    public long pid() {
        return pid;
    }

    /** {@code /proc/<pid>/ns/<type>} of the holder. */
    public Path namespace(String type) {
        return Path.of("/proc/" + pid + "/ns/" + type);
    }

    /** The inode of the holder's namespace of {@code type}. */
    public long inode(String type) throws IOException {
        String text = Files.readSymbolicLink(namespace(type)).toString();
        return Long.parseLong(text.substring(text.indexOf('[') + 1, text.length() - 1));
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
