package io.namspill.monitor;

import io.namspill.report.SpillReport;
import io.namspill.report.SpilledTask;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one scan of {@link NamespaceMonitor} found: the report, and which of its spilled tasks
 * count as <em>leaked</em> (outside a switch, not ignored, spilled for the grace period).
 */
public final class MonitorResult {

    private final SpillReport report;
    private final List<SpilledTask> leakedTasks;
    private final Instant scannedAt;
    private final Duration scanDuration;
    private final long scanNanos;
    private final Map<String, Integer> leakedTasksByType;

    MonitorResult(SpillReport report, List<SpilledTask> leakedTasks, Duration scanDuration, long scanNanos) {
        this.report = report;
        this.leakedTasks = List.copyOf(leakedTasks);
        this.scannedAt = report.snapshot().takenAt();
        this.scanDuration = scanDuration;
        this.scanNanos = scanNanos;
        Map<String, Integer> byType = new LinkedHashMap<>();
        report.types().keySet().forEach(type -> byType.put(type, 0));
        this.leakedTasks.forEach(task -> task.differences().keySet().forEach(type -> byType.merge(type, 1, Integer::sum)));
        this.leakedTasksByType = Collections.unmodifiableMap(byType);
    }

    /** The full judgement of the scan. */
    public SpillReport report() {
        return report;
    }

    /** Whether the tasks could be read; when not, {@link #unsupportedReason()} says why. */
    public boolean isSupported() {
        return report.isSupported();
    }

    /** Why the platform cannot be checked; empty when supported. */
    public Optional<String> unsupportedReason() {
        return report.snapshot().unsupportedReason();
    }

    /** The number of tasks scanned. */
    public int taskCount() {
        return report.snapshot().tasks().size();
    }

    /** The leaked tasks: spilled, outside a switch, not ignored, for at least the grace period. */
    public List<SpilledTask> leakedTasks() {
        return leakedTasks;
    }

    /** The spilled tasks inside a switch made through {@link io.namspill.Namespaces}. */
    public List<SpilledTask> switchedTasks() {
        return report.switchedTasks();
    }

    /** Whether at least one task leaked. */
    public boolean hasLeaks() {
        return !leakedTasks.isEmpty();
    }

    /** For every counted type (zero included), how many leaked tasks differ in it. */
    public Map<String, Integer> leakedTasksByType() {
        return leakedTasksByType;
    }

    /** When the scan started. */
    public Instant scannedAt() {
        return scannedAt;
    }

    /** How long the scan and its judgement took. */
    public Duration scanDuration() {
        return scanDuration;
    }

    /** The monitor's ticker reading when the scan started; what the cache's age is measured from. */
    long scanNanos() {
        return scanNanos;
    }
}
