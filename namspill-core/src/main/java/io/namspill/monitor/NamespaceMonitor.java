package io.namspill.monitor;

import io.namspill.report.SpillOptions;
import io.namspill.report.SpillReport;
import io.namspill.snapshot.TaskScanner;
import io.namspill.snapshot.TaskSnapshot;
import io.namspill.switching.ReferenceThreadFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The scan that health checks, metrics and endpoints share. {@link #current()} answers from a
 * result at most {@code cacheTtl} old; callers that arrive while a scan runs wait for that scan
 * instead of starting their own, so K concurrent callers within one TTL cause one scan.
 *
 * <p>Scans run on one dedicated platform thread, started when the monitor is built: a caller
 * that is itself spilled (into a foreign mount namespace, where {@code /proc} may be another
 * procfs) still gets a correct report. The scan thread comes from a {@link ReferenceThreadFactory}:
 * a thread inherits the namespaces of the thread that starts it, and a thread of that factory
 * moves into the reference namespaces before it runs anything.
 *
 * <p>With a {@linkplain Builder#checkInterval(Duration) check interval}, the same thread also
 * scans on its own when no caller has caused a scan for that long, so that leaks are told to the
 * listeners (and logged) also in an application that nobody probes. Callers that come more often
 * than the interval cause no extra scan: the check finds their result fresh and waits again.
 *
 * <p>Never throws from {@link #current()}: a scan that fails or does not finish within the
 * scan timeout gives an unsupported result with the reason.
 */
public final class NamespaceMonitor implements AutoCloseable {

    private final TaskScanner scanner;
    private final SpillOptions options;
    private final long cacheTtlNanos;
    private final Duration scanTimeout;
    private final long checkIntervalNanos;
    private final LongSupplier ticker;
    private final Clock clock;
    private final LeakTracker tracker;
    private final ScheduledThreadPoolExecutor scanThread;
    private final List<Consumer<MonitorResult>> scanListeners = new CopyOnWriteArrayList<>();

    private final AtomicReference<CompletableFuture<MonitorResult>> inFlight = new AtomicReference<>();
    private final AtomicLong scans = new AtomicLong();
    private volatile MonitorResult last;

    private NamespaceMonitor(Builder builder) {
        this.scanner = builder.scanner;
        this.options = builder.options;
        this.cacheTtlNanos = builder.cacheTtl.toNanos();
        this.scanTimeout = builder.scanTimeout;
        this.checkIntervalNanos = builder.checkInterval.toNanos();
        this.ticker = builder.ticker;
        this.clock = builder.clock;
        this.tracker = new LeakTracker(builder.gracePeriod, builder.listeners);
        // In the reference namespaces even where the building thread is spilled (where the JVM
        // may switch namespaces at all), and started now, never later from a spilled caller.
        this.scanThread = new ScheduledThreadPoolExecutor(1, new ReferenceThreadFactory(task -> {
            Thread thread = new Thread(task, "namspill-scanner");
            thread.setDaemon(true);
            return thread;
        }));
        this.scanThread.setRemoveOnCancelPolicy(true);
        this.scanThread.prestartCoreThread();
        if (checkIntervalNanos > 0) {
            scheduleCheck(checkIntervalNanos);
        }
    }

    /** A builder with the defaults: {@code /proc}, all types, no grace period, a 1 s cache. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The latest result, scanning first where it is older than the cache TTL. Never throws.
     *
     * <p>At most one scan is ever queued or running: it stays the shared scan until it really
     * completes, so a caller that gives up waiting (timeout, interrupt) never causes a second
     * scan to pile up behind a slow one.
     */
    public MonitorResult current() {
        while (true) {
            MonitorResult cached = last;
            if (isFresh(cached)) {
                return cached;
            }
            CompletableFuture<MonitorResult> running = inFlight.get();
            if (running != null) {
                return await(running);
            }
            CompletableFuture<MonitorResult> mine = new CompletableFuture<>();
            if (!inFlight.compareAndSet(null, mine)) {
                continue; // another caller started a scan first: wait for that one
            }
            if (isFresh(last)) { // a scan ended between our check and our claim
                inFlight.compareAndSet(mine, null);
                mine.complete(last);
                return last;
            }
            try {
                scanThread.execute(() -> runScan(mine));
            }
            catch (RejectedExecutionException e) {
                inFlight.compareAndSet(mine, null);
                mine.complete(failed("the monitor is closed"));
            }
            return await(mine);
        }
    }

    /**
     * On the scan thread: scans, publishes the result in {@code last}, frees the in-flight slot,
     * and only then completes the shared future. In that order a caller never waits on a scan
     * that already ended (it would get a result older than it asked for).
     */
    private void runScan(CompletableFuture<MonitorResult> shared) {
        MonitorResult result;
        try {
            result = scan();
            last = result;
        }
        catch (Throwable e) {
            result = failed("the scan failed: " + e);
        }
        inFlight.compareAndSet(shared, null);
        shared.complete(result);
    }

    /**
     * On the scan thread, every check interval: scans unless a scan started within the interval
     * (a caller's, or the last check's), then waits for the interval to pass since the latest scan.
     */
    private void backgroundCheck() {
        MonitorResult latest = last;
        long age = (latest != null) ? ticker.getAsLong() - latest.scanNanos() : Long.MAX_VALUE;
        long delay;
        if (age >= checkIntervalNanos) {
            CompletableFuture<MonitorResult> mine = new CompletableFuture<>();
            if (inFlight.compareAndSet(null, mine)) {
                runScan(mine);
            }
            // else a caller's scan is queued behind this check on this thread: it is the check
            delay = checkIntervalNanos;
        }
        else {
            delay = checkIntervalNanos - age;
        }
        scheduleCheck(delay);
    }

    private void scheduleCheck(long delayNanos) {
        try {
            scanThread.schedule(this::backgroundCheck, delayNanos, TimeUnit.NANOSECONDS);
        }
        catch (RejectedExecutionException e) {
            // closed: no more checks
        }
    }

    /** How often the monitor checks on its own; zero when it never does. */
    public Duration checkInterval() {
        return Duration.ofNanos(checkIntervalNanos);
    }

    /** How many scans this monitor has made. */
    public long scanCount() {
        return scans.get();
    }

    /** {@code listener} is told of every scan's result (e.g. to time scans); it must not block. */
    public void addScanListener(Consumer<MonitorResult> listener) {
        scanListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Stops the scan thread; a caller waiting for a scan gets an unsupported result at once. */
    @Override
    public void close() {
        scanThread.shutdownNow();
        CompletableFuture<MonitorResult> waiting = inFlight.getAndSet(null);
        if (waiting != null) {
            waiting.complete(failed("the monitor is closed"));
        }
    }

    private boolean isFresh(MonitorResult result) {
        return result != null && cacheTtlNanos > 0 && ticker.getAsLong() - result.scanNanos() < cacheTtlNanos;
    }

    /** Waits for a scan, this caller's or a shared one; never throws. */
    private MonitorResult await(Future<MonitorResult> scan) {
        try {
            return scan.get(scanTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted while waiting for the scan");
        }
        catch (ExecutionException e) {
            return failed("the scan failed: " + e.getCause());
        }
        catch (TimeoutException e) {
            // The scan stays the shared one: later callers wait for it, no second scan queues up.
            return failed("the scan did not finish within " + scanTimeout);
        }
    }

    /** Runs on the scan thread only; the tracker is confined to it. */
    private MonitorResult scan() {
        long start = ticker.getAsLong();
        scans.incrementAndGet();
        SpillReport report = SpillReport.of(scanner.scan(), options);
        MonitorResult result = new MonitorResult(report, tracker.update(report, start),
                Duration.ofNanos(ticker.getAsLong() - start), start);
        for (Consumer<MonitorResult> listener : scanListeners) {
            try {
                listener.accept(result);
            }
            catch (RuntimeException e) {
                // a listener's failure must not cost everybody the scan
            }
        }
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
