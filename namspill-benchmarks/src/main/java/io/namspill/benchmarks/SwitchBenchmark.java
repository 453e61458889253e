package io.namspill.benchmarks;

import io.namspill.Namespaces;
import io.namspill.switching.NamespaceSwitch;
import io.namspill.switching.NamespaceWorkers;
import java.io.IOException;
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

    private ForeignNamespace holder;
    private NamespaceSwitch foreignUts;
    private NamespaceWorkers workers;

    @Setup(Level.Trial)
    public void holdAForeignNamespace() throws IOException, InterruptedException {
        holder = ForeignNamespace.start("uts");
        foreignUts = Namespaces.into(holder.path());
        workers = NamespaceWorkers.start(2);
    }

    @TearDown(Level.Trial)
    public void release() {
        workers.close();
        holder.close();
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
