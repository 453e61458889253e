package io.namspill.benchmarks;

import io.namspill.snapshot.TaskScanner;
import io.namspill.snapshot.TaskSnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * CPU and wall time per full scan at N idle threads, for {@code bench/run-benchmarks.sh}: the
 * scanning thread's CPU per scan, from its thread CPU clock, and the whole process's CPU per
 * scan beside it (JIT and GC included). JMH measures time; this measures what the fleet pays.
 *
 * <pre>java -cp benchmarks.jar io.namspill.benchmarks.ScanCpu N [variants=scan,detailed] [seconds=0.5] [reps=7]</pre>
 */
public final class ScanCpu {

    private ScanCpu() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        String[] variants = (args.length > 1 ? args[1] : "scan,detailed").split(",");
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 0.5;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (IdleThreads idle = IdleThreads.start(n)) {
            for (String variant : variants) {
                TaskScanner scanner = switch (variant) {
                    case "scan" -> new TaskScanner();
                    case "detailed" -> TaskScanner.detailed();
                    default -> throw new IllegalArgumentException("unknown variant " + variant + " (scan, detailed)");
                };
                long warmEnd = System.nanoTime() + 1_500_000_000L; // JIT
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
                long cpu0 = threads.getCurrentThreadCpuTime();
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
                long cpu1 = threads.getCurrentThreadCpuTime();
                long process1 = os.getProcessCpuTime();
                Arrays.sort(wall);
                System.out.printf("lang=java variant=%s N=%d tasks=%d scans=%d scan_ms_median=%.4f cpu_ms_per_scan=%.4f"
                        + " proc_cpu_ms_per_scan=%.4f%n", variant, n, tasks, scans, wall[reps / 2],
                        (cpu1 - cpu0) / 1e6 / scans, (process1 - process0) / 1e6 / scans);
            }
        }
    }
}
