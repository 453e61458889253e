package io.namspill.benchmarks;

import io.namspill.Namespaces;
import io.namspill.switching.NamespaceSwitch;
import io.namspill.switching.NamespaceWorkers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One switch into a real foreign uts namespace (held by {@code unshare --uts sleep}) and back,
 * from a thread that cannot switch in place: on a throwaway platform thread
 * ({@link NamespaceSwitch#callOnNewThread}) against a pooled worker ({@link NamespaceSwitch#callOn}).
 * Needs CAP_SYS_ADMIN and util-linux's {@code unshare}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SwitchBenchmark extends BenchmarkDefaults {

    private Process holder;
    private NamespaceSwitch foreignUts;
    private NamespaceWorkers workers;

    @Setup(Level.Trial)
    public void holdAForeignNamespace() throws IOException, InterruptedException {
        holder = new ProcessBuilder("unshare", "--uts", "sleep", "infinity").inheritIO().start();
        Path uts = Path.of("/proc/" + holder.pid() + "/ns/uts");
        Path own = Path.of("/proc/self/ns/uts");
        for (int i = 0; i < 1000 && holder.isAlive()
                && (!Files.exists(uts) || Files.readSymbolicLink(uts).equals(Files.readSymbolicLink(own))); i++) {
            Thread.sleep(5); // until unshare has exec'ed sleep in its own namespace
        }
        if (!holder.isAlive() || Files.readSymbolicLink(uts).equals(Files.readSymbolicLink(own))) {
            throw new IllegalStateException("unshare --uts did not give its child a namespace of its own (CAP_SYS_ADMIN?)");
        }
        foreignUts = Namespaces.into(uts);
        workers = NamespaceWorkers.start(2);
    }

    @TearDown(Level.Trial)
    public void release() {
        workers.close();
        holder.destroy();
    }

    @Benchmark
    public String onNewThread() throws Exception {
        return foreignUts.callOnNewThread(() -> Thread.currentThread().getName());
    }

    @Benchmark
    public String onPooledWorker() throws Exception {
        return foreignUts.callOn(workers, () -> Thread.currentThread().getName());
    }
}
