package example.namspill.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * A child process ({@code unshare --net --uts --ipc sleep}) that holds namespaces for the
 * demo's correct switch to enter. A process, not a thread of ours: a thread parked in those
 * namespaces would itself be a (deliberate) spill.
 */
@Component
class NamespaceHolder implements DisposableBean {

    private Process process;

    /** {@code /proc/<holder>/ns/<type>}, starting the holder on first use. */
    synchronized Path namespace(String type) throws IOException, InterruptedException {
        if (process == null || !process.isAlive()) {
            process = start();
        }
        return Path.of("/proc/" + process.pid() + "/ns/" + type);
    }

    private static Process start() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("unshare", "--net", "--uts", "--ipc", "sleep", "infinity")
                .redirectErrorStream(true).start();
        // unshare execs sleep once the namespaces exist
        Path comm = Path.of("/proc/" + process.pid() + "/comm");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = new String(process.getInputStream().readAllBytes()).strip();
                throw new NamespaceOperationException("unshare --net --uts --ipc (" + output + ")",
                        output.contains("Operation not permitted") ? 1 : -1);
            }
            if (Files.readString(comm).strip().equals("sleep")) {
                return process;
            }
            process.waitFor(10, TimeUnit.MILLISECONDS);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the namespace holder did not start within 10 s");
    }

    @Override
    public synchronized void destroy() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
