package io.namspill.monitor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The cache protocol of {@link NamespaceMonitor}: a result serves every caller for the cache
 * TTL, at most one scan is ever queued or running, and callers that arrive meanwhile wait for it.
 * With a check interval the scan thread also scans on its own when no caller caused a scan for
 * that long. Never throws: a scan that fails or does not finish within the timeout gives the
 * {@code failed} result with the reason.
 */
final class SharedScan implements AutoCloseable {

    private final Supplier<MonitorResult> scan;
    private final Function<String, MonitorResult> failed;
    private final ScanThread thread;
    private final LongSupplier ticker;
    private final long cacheTtlNanos;
    private final Duration scanTimeout;
    private final long checkIntervalNanos;
    private final AtomicReference<@Nullable CompletableFuture<MonitorResult>> inFlight = new AtomicReference<>();
    private volatile @Nullable MonitorResult last;

    /**
     * @param scan makes a result, on the scan thread only
     * @param failed a result that no scan produced, with the reason; never cached
     */
    SharedScan(Supplier<MonitorResult> scan, Function<String, MonitorResult> failed, ScanThread thread,
            LongSupplier ticker, Duration cacheTtl, Duration scanTimeout, Duration checkInterval) {
        this.scan = scan;
        this.failed = failed;
        this.thread = thread;
        this.ticker = ticker;
        this.cacheTtlNanos = cacheTtl.toNanos();
        this.scanTimeout = scanTimeout;
        this.checkIntervalNanos = checkInterval.toNanos();
        if (checkIntervalNanos > 0) {
            thread.schedule(this::backgroundCheck, checkIntervalNanos);
        }
    }

    /**
     * The latest result, scanning first where it is older than the cache TTL. A scan stays the
     * shared one until it really completes, so a caller that gives up waiting (timeout, interrupt)
     * never causes a second scan to pile up behind a slow one.
     */
    MonitorResult current() {
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
            MonitorResult ended = last;
            if (isFresh(ended)) { // a scan ended between our check and our claim
                inFlight.compareAndSet(mine, null);
                mine.complete(ended);
                return ended;
            }
            if (!thread.execute(() -> runScan(mine))) {
                inFlight.compareAndSet(mine, null);
                mine.complete(failed.apply("the monitor is closed"));
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
            result = scan.get();
            last = result;
        }
        catch (Throwable e) {
            result = failed.apply("the scan failed: " + e);
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
        thread.schedule(this::backgroundCheck, delay);
    }

    private boolean isFresh(@Nullable MonitorResult result) {
        return result != null && cacheTtlNanos > 0 && ticker.getAsLong() - result.scanNanos() < cacheTtlNanos;
    }

    /** Waits for a scan, this caller's or a shared one; never throws. */
    private MonitorResult await(CompletableFuture<MonitorResult> shared) {
        try {
            return shared.get(scanTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed.apply("interrupted while waiting for the scan");
        }
        catch (ExecutionException e) {
            return failed.apply("the scan failed: " + e.getCause());
        }
        catch (TimeoutException e) {
            // The scan stays the shared one: later callers wait for it, no second scan queues up.
            return failed.apply("the scan did not finish within " + scanTimeout);
        }
    }

    /** Stops the scan thread; a caller waiting for a scan gets the failed result at once. */
    @Override
    public void close() {
        thread.close();
        CompletableFuture<MonitorResult> waiting = inFlight.getAndSet(null);
        if (waiting != null) {
            waiting.complete(failed.apply("the monitor is closed"));
        }
    }
}
