package io.namspill.monitor;

import io.namspill.internal.jfr.JfrEvents;
import io.namspill.jvm.JavaThread;
import io.namspill.report.SpillReport;
import io.namspill.report.SpilledTask;
import io.namspill.snapshot.TaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns "spilled now" into "leaked": a stray task (spilled, outside a switch, not ignored) is
 * leaked once it has stayed spilled for the grace period, in the same foreign namespaces or not.
 * A task seen back in the reference namespaces starts afresh. Tracked across reports by
 * {@link TaskId} (tid + start time), so a reused tid starts afresh too.
 *
 * <p>Not thread-safe: {@link NamespaceMonitor} calls it from its single scan thread.
 */
final class LeakTracker {

    private final long graceNanos;
    private final Listeners<LeakListener> listeners;
    private final Map<TaskId, Tracked> tracked = new HashMap<>();

    private static final class Tracked {
        final long firstSeen;
        final String name;
        boolean reported;

        Tracked(long firstSeen, String name) {
            this.firstSeen = firstSeen;
            this.name = name;
        }
    }

    /** @param listeners told in this order; one that throws does not keep the others from hearing */
    LeakTracker(Duration gracePeriod, List<LeakListener> listeners) {
        this.graceNanos = gracePeriod.toNanos();
        this.listeners = new Listeners<>(listeners);
    }

    /** The stray tasks of {@code report} that count as leaked at {@code nowNanos}. */
    List<SpilledTask> update(SpillReport report, long nowNanos) {
        List<SpilledTask> leaked = new ArrayList<>();
        Set<TaskId> seen = new HashSet<>();
        List<SpilledTask> newlyLeaked = new ArrayList<>();
        for (SpilledTask stray : report.strayTasks()) {
            TaskId id = stray.task().id();
            seen.add(id);
            Tracked entry = tracked.get(id);
            if (entry == null) {
                entry = new Tracked(nowNanos, stray.task().name().orElse(""));
                tracked.put(id, entry);
            }
            // The clock runs while the task stays spilled, into whichever foreign namespaces: code
            // that unshares a fresh namespace on every run must not dodge the grace period.
            if (nowNanos - entry.firstSeen >= graceNanos) {
                leaked.add(stray);
                if (!entry.reported) {
                    entry.reported = true;
                    newlyLeaked.add(stray);
                }
            }
        }
        for (SpilledTask task : newlyLeaked) {
            JfrEvents.leaked(task.task().tid(), task.task().name().orElse(""), task.thread().map(JavaThread::name),
                    List.copyOf(task.differences().keySet()), task.origin());
            String rendering = report.renderLeak(task, leaked.size());
            listeners.tell(listener -> listener.leaked(task, rendering));
        }
        if (report.isSupported()) {
            tracked.entrySet().removeIf(e -> {
                if (seen.contains(e.getKey())) {
                    return false;
                }
                if (e.getValue().reported) {
                    listeners.tell(listener -> listener.recovered(e.getKey(), e.getValue().name));
                }
                return true;
            });
        }
        return leaked;
    }
}
