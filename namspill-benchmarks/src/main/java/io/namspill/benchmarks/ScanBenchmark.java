package io.namspill.benchmarks;

import io.namspill.Namspill;
import io.namspill.snapshot.TaskSnapshot;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One full {@link Namspill#tasks()} on a JVM with {@code threads} idle platform threads, read on
 * the calling thread: the number to compare with the C reference ({@code nsscan N b}) at the
 * same N.
 *
 * <p>Sample mode, so that the median ({@code p0.50}) compares with the C reference's median.
 * Allocation per scan comes from {@code -prof gc} ({@code gc.alloc.rate.norm}); divided by the
 * tasks the setup prints, it is the allocation per task per scan.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScanBenchmark extends BenchmarkDefaults {

    @Param({"1000", "10000"})
    public int threads;

    private IdleThreads idle;

    @Setup(Level.Trial)
    public void startThreads() throws InterruptedException {
        idle = IdleThreads.start(threads);
        TaskSnapshot snapshot = Namspill.tasks();
        if (!snapshot.isSupported()) {
            throw new IllegalStateException("cannot benchmark the scan: " + snapshot.unsupportedReason().orElseThrow());
        }
        if (snapshot.tasks().size() < threads) {
            throw new IllegalStateException("the scan saw " + snapshot.tasks().size() + " tasks, fewer than "
                    + threads + " idle threads");
        }
        // bench/run-benchmarks.sh divides gc.alloc.rate.norm by this number.
        System.out.println("namspill-bench: threads=" + threads + " tasks=" + snapshot.tasks().size());
    }

    @TearDown(Level.Trial)
    public void releaseThreads() throws InterruptedException {
        idle.close();
    }

    @Benchmark
    public TaskSnapshot scan() {
        return Namspill.tasks();
    }
}
