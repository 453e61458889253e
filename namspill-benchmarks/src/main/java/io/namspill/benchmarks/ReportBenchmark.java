package io.namspill.benchmarks;

import io.namspill.Namspill;
import io.namspill.jvm.ThreadCorrelator;
import io.namspill.report.SpillOptions;
import io.namspill.report.SpillReport;
import io.namspill.snapshot.TaskSnapshot;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link SpillReport#of} on a uniform snapshot: pure arithmetic over the snapshot. The
 * correlator (a thread dump, a stop-the-world safepoint) must never be asked; the teardown
 * fails the run if it was.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReportBenchmark extends BenchmarkDefaults {

    @Param({"1000"})
    public int threads;

    private final AtomicInteger correlations = new AtomicInteger();
    private TaskSnapshot snapshot;
    private SpillOptions options;

    @Setup(Level.Trial)
    public void takeSnapshot() throws InterruptedException {
        try (IdleThreads idle = IdleThreads.start(threads)) {
            snapshot = Namspill.tasks();
        }
        ThreadCorrelator jvm = ThreadCorrelator.forCurrentJvm();
        options = SpillOptions.defaults().withCorrelator(tids -> {
            correlations.incrementAndGet();
            return jvm.threadsOf(tids);
        });
        if (!SpillReport.of(snapshot, options).isUniform()) {
            throw new IllegalStateException("the benchmark JVM is not uniform: " + SpillReport.of(snapshot).render());
        }
    }

    @TearDown(Level.Trial)
    public void checkNoThreadDump() {
        if (correlations.get() != 0) {
            throw new IllegalStateException("a uniform snapshot asked the correlator " + correlations.get() + " times");
        }
    }

    @Benchmark
    public SpillReport reportOfUniformSnapshot() {
        return SpillReport.of(snapshot, options);
    }
}
