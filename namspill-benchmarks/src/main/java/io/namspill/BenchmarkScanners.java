package io.namspill;

import java.time.Clock;

/** Scanner variants that only the benchmarks need (package-private constructors of the core). */
public final class BenchmarkScanners {

    private BenchmarkScanners() {
    }

    /** A scanner of {@code /proc} that reads every task on the calling thread, never with the scan helper. */
    public static TaskScanner singleThreaded() {
        return new TaskScanner(TaskScanner.DEFAULT_PROCFS, SwitchRegistry.GLOBAL, Clock.systemUTC(), null);
    }
}
