package io.namspill.benchmarks;

import io.namspill.internal.jvm.CpuTimeThreadCorrelator;
import io.namspill.internal.jvm.HotSpotThreadCorrelator;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.jvm.JavaThread;
import io.namspill.jvm.ThreadCorrelator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pause that naming one spilled task causes, at N idle threads: before (HotSpot's thread
 * dump) and after (the CPU-time correlator, with the stack of the one thread). One of 20 workers
 * that share the 15-byte task name {@code pool-leaky-work} unshares its UTS namespace and parks.
 * The JVM must run with {@code -Xlog:safepoint,handshake*:file=<log>:uptimenanos}; the pauses are
 * read back from that log, per call.
 *
 * <pre>java -Xlog:safepoint,handshake*:file=LOG:uptimenanos -cp benchmarks.jar io.namspill.benchmarks.NamingPauses N LOG [calls=5]</pre>
 */
public final class NamingPauses {

    private static final Pattern SAFEPOINT = Pattern.compile("^\\[(\\d+)ns\\].*Safepoint \"(\\w+)\".*Total: (\\d+) ns");
    private static final Pattern HANDSHAKE = Pattern.compile("^\\[(\\d+)ns\\].*[Hh]andshake \"(\\w+)\"");

    private NamingPauses() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path log = Path.of(args[1]);
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        AtomicInteger spilledTid = new AtomicInteger();
        CountDownLatch spilled = new CountDownLatch(1);
        for (int k = 0; k < 20; k++) {
            boolean spills = k == 7;
            Thread worker = new Thread(null, () -> {
                if (spills) {
                    LinuxNative.unshare(LinuxAbi.CLONE_NEWUTS);
                    spilledTid.set(LinuxNative.gettid());
                    spilled.countDown();
                }
                while (true) {
                    LockSupport.park();
                }
            }, "pool-leaky-worker-" + k, 256 * 1024);
            worker.setDaemon(true);
            worker.start();
        }
        spilled.await();
        try (IdleThreads idle = IdleThreads.start(n)) {
            int tid = spilledTid.get();
            List<String> lines = new ArrayList<>();
            lines.add(phase(n, "before", "thread-dump", HotSpotThreadCorrelator.instance(), tid, calls, log));
            lines.add(phase(n, "after", "cpu-time", CpuTimeThreadCorrelator.instance(), tid, calls, log));
            lines.forEach(System.out::println);
        }
        System.exit(0);
    }

    private static String phase(int n, String name, String expected, ThreadCorrelator correlator, int tid, int calls, Path log)
            throws Exception {
        correlator.threadsOf(List.of(tid)); // warm
        long[][] windows = new long[calls][2];
        double[] wall = new double[calls];
        String namedBy = "none";
        for (int c = 0; c < calls; c++) {
            Thread.sleep(200); // let other safepoints (GC, JIT) fall outside the window
            windows[c][0] = uptimeNanos();
            long t0 = System.nanoTime();
            JavaThread thread = correlator.threadsOf(List.of(tid)).get(tid);
            wall[c] = (System.nanoTime() - t0) / 1e6;
            windows[c][1] = uptimeNanos() + 1_000_000L; // uptime counts milliseconds: the whole last one
            namedBy = thread == null ? "none" : thread.namedBy().label();
        }
        Thread.sleep(300); // the log is written by the VM thread
        double[] pause = new double[calls];
        int safepoints = 0;
        int handshakes = 0;
        double longest = 0;
        StringBuilder kinds = new StringBuilder();
        for (String line : readLog(log)) {
            Matcher safepoint = SAFEPOINT.matcher(line);
            Matcher handshake = HANDSHAKE.matcher(line);
            long at;
            if (safepoint.find()) {
                at = Long.parseLong(safepoint.group(1));
                int call = callAt(windows, at);
                if (call >= 0) {
                    double ms = Long.parseLong(safepoint.group(3)) / 1e6;
                    pause[call] += ms;
                    longest = Math.max(longest, ms);
                    safepoints++;
                    if (kinds.indexOf(safepoint.group(2)) < 0) {
                        kinds.append(kinds.length() == 0 ? "" : "+").append(safepoint.group(2));
                    }
                }
            }
            else if (handshake.find() && callAt(windows, Long.parseLong(handshake.group(1))) >= 0) {
                handshakes++;
            }
        }
        Arrays.sort(pause);
        Arrays.sort(wall);
        return String.format("naming N=%d phase=%s named_by=%s calls=%d safepoints_per_call=%.1f kinds=%s"
                + " pause_ms_median=%.3f pause_ms_max=%.3f longest_safepoint_ms=%.3f handshakes_per_call=%.1f"
                + " wall_ms_median=%.3f%s", n, name, namedBy,
                calls, safepoints / (double) calls, kinds.length() == 0 ? "-" : kinds, pause[calls / 2], pause[calls - 1],
                longest, handshakes / (double) calls, wall[calls / 2], namedBy.equals(expected) ? "" : " UNEXPECTED");
    }

    private static int callAt(long[][] windows, long at) {
        for (int c = 0; c < windows.length; c++) {
            if (at >= windows[c][0] && at <= windows[c][1]) {
                return c;
            }
        }
        return -1;
    }

    /** JVM uptime in nanoseconds, as {@code uptimenanos} decorates the log. */
    private static long uptimeNanos() {
        return ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
    }

    private static List<String> readLog(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }
}
