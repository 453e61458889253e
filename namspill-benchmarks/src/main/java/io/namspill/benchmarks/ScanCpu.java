package io.namspill.benchmarks;

import io.namspill.internal.jvm.ThreadLocator;
import io.namspill.snapshot.TaskScanner;
import io.namspill.snapshot.TaskSnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * CPU and wall time per full scan at N idle threads, for {@code bench/run-benchmarks.sh}: the
 * CPU of every scanning thread (the calling thread and the {@code namspill-scan} helper) per
 * scan, from their thread CPU clocks, and the whole process's CPU per scan beside it (JIT and
 * GC included). JMH measures time; this measures what the fleet pays.
 *
 * <pre>java -cp benchmarks.jar io.namspill.benchmarks.ScanCpu N [variants=scan,single,detailed] [seconds=0.5] [reps=7]</pre>
 */
public final class ScanCpu {

    private ScanCpu() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        String[] variants = (args.length > 1 ? args[1] : "scan,single,detailed").split(",");
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 0.5;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (IdleThreads idle = IdleThreads.start(n)) {
            for (String variant : variants) {
                TaskScanner scanner = switch (variant) {
                    case "scan" -> new TaskScanner();
                    case "single" -> TaskScanner.singleThreaded();
                    case "detailed" -> TaskScanner.detailed();
                    default -> throw new IllegalArgumentException("unknown variant " + variant + " (scan, single, detailed)");
                };
                long warmEnd = System.nanoTime() + 1_500_000_000L; // JIT, and the helper started
                TaskSnapshot snapshot;
                do {
                    snapshot = scanner.scan();
                } while (System.nanoTime() < warmEnd);
                if (!snapshot.isSupported()) {
                    throw new IllegalStateException(snapshot.unsupportedReason().orElse("unsupported"));
                }
                long start = System.nanoTime();
                scanner.scan();
                long perRep = (long) (seconds / ((System.nanoTime() - start) / 1e9)) + 1;
                Thread helper = variant.equals("single") ? null : helper();
                if (variant.equals("scan") && helper == null && Runtime.getRuntime().availableProcessors() > 1) {
                    // Without the helper this is the single-threaded figure, or the NIO fallback's
                    // (JDK 24+ without native access): either would be reported as the scan's.
                    throw new IllegalStateException("variant scan at N=" + n + ": the namspill-scan helper did not start"
                            + " (on JDK 24 and later, run with --enable-native-access=ALL-UNNAMED)");
                }
                long cpu0 = threads.getCurrentThreadCpuTime() + cpuOf(threads, helper);
                long process0 = os.getProcessCpuTime();
                double[] wall = new double[reps];
                long scans = 0;
                int tasks = 0;
                for (int r = 0; r < reps; r++) {
                    long t0 = System.nanoTime();
                    for (long i = 0; i < perRep; i++) {
                        tasks = scanner.scan().tasks().size();
                        scans++;
                    }
                    wall[r] = (System.nanoTime() - t0) / 1e6 / perRep;
                }
                long cpu1 = threads.getCurrentThreadCpuTime() + cpuOf(threads, helper);
                long process1 = os.getProcessCpuTime();
                Arrays.sort(wall);
                System.out.printf("lang=java variant=%s N=%d tasks=%d scans=%d scan_ms_median=%.4f cpu_ms_per_scan=%.4f"
                        + " proc_cpu_ms_per_scan=%.4f helper=%b%n", variant, n, tasks, scans, wall[reps / 2],
                        (cpu1 - cpu0) / 1e6 / scans, (process1 - process0) / 1e6 / scans, helper != null);
            }
        }
    }

    private static Thread helper() {
        for (Thread thread : ThreadLocator.platformThreads()) {
            if (thread.getName().equals("namspill-scan")) {
                return thread;
            }
        }
        return null;
    }

    private static long cpuOf(ThreadMXBean threads, Thread thread) {
        return thread == null ? 0 : Math.max(0, threads.getThreadCpuTime(thread.getId()));
    }
}
