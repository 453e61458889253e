package io.namspill.monitor;

import io.namspill.report.SpillOptions;
import io.namspill.report.SpillReport;
import io.namspill.snapshot.TaskScanner;
import io.namspill.snapshot.TaskSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The scan that health checks, metrics and endpoints share: {@link #current()} answers from a
 * result at most {@code cacheTtl} old, and callers that arrive while a scan runs wait for that
 * scan, so K concurrent callers within one TTL cause one scan. Scans run on one platform thread
 * of the monitor, in the reference namespaces, so a spilled caller still gets a correct report;
 * with a {@linkplain Builder#checkInterval(Duration) check interval} that thread also scans when
 * nobody asked for that long, so leaks reach the {@link LeakListener}s in an application that
 * nobody probes. Never throws from {@link #current()}: a scan that fails or does not finish within
 * the scan timeout gives an unsupported result with the reason.
 */
public final class NamespaceMonitor implements AutoCloseable {

    private final TaskScanner scanner;
    private final SpillOptions options;
    private final Duration checkInterval;
    private final LongSupplier ticker;
    private final Clock clock;
    private final LeakTracker tracker;
    private final Listeners<Consumer<MonitorResult>> scanListeners = new Listeners<>(List.of());
    private final AtomicLong scans = new AtomicLong();
    private final SharedScan shared;

    private NamespaceMonitor(Builder builder) {
        this.scanner = builder.scanner;
        this.options = builder.options;
        this.checkInterval = builder.checkInterval;
        this.ticker = builder.ticker;
        this.clock = builder.clock;
        this.tracker = new LeakTracker(builder.gracePeriod, builder.listeners);
        this.shared = new SharedScan(this::scan, this::failed, new ScanThread("namspill-scanner"), ticker,
                builder.cacheTtl, builder.scanTimeout, checkInterval);
    }

    /** A builder with the defaults: {@code /proc}, all types, no grace period, a 1 s cache. */
    public static Builder builder() {
        return new Builder();
    }

    /** The latest result, scanning first where it is older than the cache TTL. Never throws. */
    public MonitorResult current() {
        return shared.current();
    }

    /** How often the monitor checks on its own; zero when it never does. */
    public Duration checkInterval() {
        return checkInterval;
    }

    /** How many scans this monitor has made. */
    public long scanCount() {
        return scans.get();
    }

    /** {@code listener} is told of every scan's result (e.g. to time scans); it must not block. */
    public void addScanListener(Consumer<MonitorResult> listener) {
        scanListeners.add(listener);
    }

    /** Stops the scan thread; a caller waiting for a scan gets an unsupported result at once. */
    @Override
    public void close() {
        shared.close();
    }

    /** Runs on the scan thread only; the tracker is confined to it. */
    private MonitorResult scan() {
        long start = ticker.getAsLong();
        scans.incrementAndGet();
        SpillReport report = SpillReport.of(scanner.scan(), options);
        MonitorResult result = new MonitorResult(report, tracker.update(report, start),
                Duration.ofNanos(ticker.getAsLong() - start), start);
        scanListeners.tell(listener -> listener.accept(result));
        return result;
    }

    private MonitorResult failed(String reason) {
        // Not cached: the next caller tries again.
        TaskSnapshot snapshot = TaskSnapshot.unsupported(reason, clock.instant());
        return new MonitorResult(SpillReport.of(snapshot, options), List.of(), Duration.ZERO, ticker.getAsLong());
    }

    /** Settings of a {@link NamespaceMonitor}; every setter validates its value. */
    public static final class Builder {

        private TaskScanner scanner = new TaskScanner();
        private SpillOptions options = SpillOptions.defaults();
        private Duration gracePeriod = Duration.ZERO;
        private Duration cacheTtl = Duration.ofSeconds(1);
        private Duration scanTimeout = Duration.ofSeconds(30);
        private Duration checkInterval = Duration.ZERO;
        private final List<LeakListener> listeners = new ArrayList<>();
        private LongSupplier ticker = System::nanoTime;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The scanner to use; {@code /proc} by default. */
        public Builder scanner(TaskScanner scanner) {
            this.scanner = Objects.requireNonNull(scanner, "scanner");
            return this;
        }

        /** Counted types, ignored threads and thread correlation. */
        public Builder options(SpillOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** How long a spilled task must stay spilled before it counts as leaked; zero or more. */
        public Builder gracePeriod(Duration gracePeriod) {
            this.gracePeriod = nonNegative(gracePeriod, "gracePeriod");
            return this;
        }

        /** How long one scan serves every caller; zero caches nothing beyond the scan in flight. */
        public Builder cacheTtl(Duration cacheTtl) {
            this.cacheTtl = nonNegative(cacheTtl, "cacheTtl");
            return this;
        }

        /**
         * How long a caller waits for a scan before it gets an unsupported result; positive.
         * The scan itself goes on, and stays the one later callers wait for.
         */
        public Builder scanTimeout(Duration scanTimeout) {
            this.scanTimeout = nonNegative(scanTimeout, "scanTimeout");
            if (scanTimeout.isZero()) {
                throw new IllegalArgumentException("scanTimeout must be positive, was " + scanTimeout);
            }
            return this;
        }

        /**
         * How often the monitor scans on its own when no caller has caused a scan for that long,
         * so that leaks reach the listeners without any caller; zero (the default) never.
         */
        public Builder checkInterval(Duration checkInterval) {
            this.checkInterval = nonNegative(checkInterval, "checkInterval");
            return this;
        }

        /**
         * Adds a listener, told once when a task leaks and once when it recovers; every listener
         * added is told, in the order added, and one that throws does not silence the others.
         */
        public Builder listener(LeakListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The monotonic time source in nanoseconds (tests drive it by hand). */
        public Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** The wall clock for results that no scan produced. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the monitor and starts its scan thread from the calling thread. */
        public NamespaceMonitor build() {
            return new NamespaceMonitor(this);
        }

        private static Duration nonNegative(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must be zero or positive, was " + value);
            }
            return value;
        }
    }
}
