package io.namspill.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

/**
 * Where the benchmark thread's time goes, per operation, from its {@code schedstat} in the fork
 * itself: {@code sched.cpu} on a CPU, {@code sched.runq} runnable but waiting for one (other work
 * on the machine, or the JVM's own threads), {@code sched.blocked} the rest (safepoints and GC
 * pauses, and the harness between operations). Wall time above CPU time is then read in one JVM,
 * not guessed from two.
 *
 * <pre>java -jar benchmarks.jar ScanBenchmark -p threads=10000 -prof io.namspill.benchmarks.SchedProfiler</pre>
 *
 * <p>The last measured iteration is left out: the trial's tear-down (joining the idle threads)
 * runs on the benchmark thread before the profiler sees that iteration end. Each other measured
 * iteration reports its share of their mean, so that the figure JMH sums over the iterations is
 * that mean (with one measured iteration there is none).
 */
public final class SchedProfiler implements InternalProfiler {

    /**
     * The start of the benchmark thread's task name: JMH names it after the benchmark's class,
     * and Linux keeps the first 15 bytes.
     */
    private static final String WORKER_NAME = "io.namspill.ben";

    private Path worker;
    private long[] atStart;
    private int iteration;

    @Override
    public String getDescription() {
        return "the benchmark thread's CPU, run-queue and blocked time per operation (/proc schedstat)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (worker == null) {
            worker = findWorker();
        }
        atStart = worker == null ? null : sample(worker);
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        boolean measured = iterationParams.getType() == IterationType.MEASUREMENT;
        if (measured) {
            iteration++;
        }
        long ops = result.getMetadata().getAllOps();
        int reported = iterationParams.getCount() - 1;
        if (atStart == null || !measured || iteration > reported || ops == 0) {
            return List.of();
        }
        long[] atEnd = sample(worker);
        double share = 1e6 * ops * reported;
        double wall = (atEnd[0] - atStart[0]) / share;
        double cpu = (atEnd[1] - atStart[1]) / share;
        double runq = (atEnd[2] - atStart[2]) / share;
        return List.of(
                new ScalarResult("sched.cpu", cpu, "ms/op", AggregationPolicy.SUM),
                new ScalarResult("sched.runq", runq, "ms/op", AggregationPolicy.SUM),
                new ScalarResult("sched.blocked", wall - cpu - runq, "ms/op", AggregationPolicy.SUM));
    }

    private static Path findWorker() {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                if (Files.readString(task.resolve("comm")).startsWith(WORKER_NAME)) {
                    return task;
                }
            }
            return null;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Now, and the task's time on a CPU and waiting in the run queue, in nanoseconds. */
    private static long[] sample(Path task) {
        try {
            String[] fields = Files.readString(task.resolve("schedstat")).trim().split(" ");
            return new long[] {System.nanoTime(), Long.parseLong(fields[0]), Long.parseLong(fields[1])};
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
