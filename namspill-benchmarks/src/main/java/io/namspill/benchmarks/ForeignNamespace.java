package io.namspill.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child process ({@code unshare --<type> sleep infinity}) that holds a namespace of its own for
 * a benchmark to use; needs CAP_SYS_ADMIN and util-linux's {@code unshare}.
 */
final class ForeignNamespace implements AutoCloseable {

    private final Process holder;
    private final Path path;

    private ForeignNamespace(Process holder, Path path) {
        this.holder = holder;
        this.path = path;
    }

    /** Starts the holder of a new namespace of {@code type} ({@code uts}, {@code net}, ...). */
    static ForeignNamespace start(String type) throws IOException, InterruptedException {
        Process holder = new ProcessBuilder("unshare", "--" + type, "sleep", "infinity").inheritIO().start();
        Path path = Path.of("/proc/" + holder.pid() + "/ns/" + type);
        Path own = Path.of("/proc/self/ns/" + type);
        for (int i = 0; i < 1000 && holder.isAlive()
                && (!Files.exists(path) || Files.readSymbolicLink(path).equals(Files.readSymbolicLink(own))); i++) {
            Thread.sleep(5); // until unshare has exec'ed sleep in its own namespace
        }
        if (!holder.isAlive() || Files.readSymbolicLink(path).equals(Files.readSymbolicLink(own))) {
            holder.destroy();
            throw new IllegalStateException("unshare --" + type
                    + " did not give its child a namespace of its own (CAP_SYS_ADMIN?)");
        }
        return new ForeignNamespace(holder, path);
    }

    /** {@code /proc/<holder>/ns/<type>}. */
    Path path() {
        return path;
    }

    @Override
    public void close() {
        holder.destroy();
    }
}
