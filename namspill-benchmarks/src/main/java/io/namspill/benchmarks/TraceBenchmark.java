package io.namspill.benchmarks;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.namspill.Namespaces;
import io.namspill.Namspill;
import io.namspill.trace.TraceStatus;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the origin trace adds to one {@code setns}: a raw one (JNA, into the thread's own network
 * namespace: a no-op for the kernel) and one {@code Namespaces.call} (enter and leave). Every
 * {@code trace} value runs in a JVM of its own (JMH forks per parameter set), so the untraced
 * numbers come from a JVM that never had the filter:
 * <ul>
 * <li>{@code off}: no filter;</li>
 * <li>{@code on}: the default budget of 10 stacks of other threads per second: past it raw calls
 * are traced without their stack (the steady state of a busy caller);</li>
 * <li>{@code on-every-stack}: every raw call's stack is taken (the pause per capture; run with
 * {@code -Xlog:safepoint} to see it).</li>
 * </ul>
 * {@code threads} idle platform threads exist meanwhile: the capture's search and, on JDK 17, its
 * safepoint grow with them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-Xss512k" })
public class TraceBenchmark {

    /** The benchmark's own binding: a raw call, as application code makes it. */
    public interface C extends Library {
        int setns(int fd, int nstype) throws LastErrorException;

        int open(String path, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY_CLOEXEC = 0x80000;

    @Param({"off", "on", "on-every-stack"})
    public String trace;

    @Param({"1000"})
    public int threads;

    private C libc;
    private int ownNet;
    private Path leaderNet;
    private IdleThreads idle;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        idle = IdleThreads.start(threads);
        libc = Native.load("c", C.class);
        if (trace.equals("on-every-stack")) {
            System.setProperty("namspill.trace.stacks-per-second", "1000000");
        }
        if (!trace.equals("off")) {
            TraceStatus status = Namspill.enableTrace();
            if (!status.active()) {
                throw new IllegalStateException("the trace does not run: " + status.reason());
            }
        }
        leaderNet = Path.of("/proc/" + ProcessHandle.current().pid() + "/ns/net");
    }

    @Setup(Level.Iteration)
    public void openOwnNamespace() {
        // the JMH worker thread's own network namespace: setns into it changes nothing
        ownNet = libc.open("/proc/thread-self/ns/net", O_RDONLY_CLOEXEC);
    }

    @TearDown(Level.Iteration)
    public void closeOwnNamespace() {
        libc.close(ownNet);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        idle.close();
    }

    @Benchmark
    public int rawSetns() {
        return libc.setns(ownNet, CLONE_NEWNET);
    }

    @Benchmark
    public int namespacesCall() throws Exception {
        return Namespaces.call(leaderNet, () -> 1);
    }
}
