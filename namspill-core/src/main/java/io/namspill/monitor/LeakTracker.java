package io.namspill.monitor;

import io.namspill.SpillReport;
import io.namspill.SpilledTask;
import io.namspill.TaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns "spilled now" into "leaked": a stray task (spilled, outside a switch, not ignored) is
 * leaked once it has stayed spilled, in the same namespaces, for the grace period. Tracked
 * across reports by {@link TaskId} (tid + start time), so a reused tid starts afresh.
 *
 * <p>Not thread-safe: {@link NamespaceMonitor} calls it from its single scan thread.
 */
final class LeakTracker {

    private final long graceNanos;
    private final LeakListener listener;
    private final Map<TaskId, Tracked> tracked = new HashMap<>();

    private static final class Tracked {
        final Map<String, Long> namespaces;
        final long firstSeen;
        final String name;
        boolean reported;

        Tracked(Map<String, Long> namespaces, long firstSeen, String name) {
            this.namespaces = namespaces;
            this.firstSeen = firstSeen;
            this.name = name;
        }
    }

    LeakTracker(Duration gracePeriod, LeakListener listener) {
        this.graceNanos = gracePeriod.toNanos();
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The stray tasks of {@code report} that count as leaked at {@code nowNanos}. */
    List<SpilledTask> update(SpillReport report, long nowNanos) {
        List<SpilledTask> leaked = new ArrayList<>();
        Set<TaskId> seen = new HashSet<>();
        List<SpilledTask> newlyLeaked = new ArrayList<>();
        for (SpilledTask stray : report.strayTasks()) {
            TaskId id = stray.task().id();
            seen.add(id);
            Map<String, Long> namespaces = stray.namespaces();
            Tracked entry = tracked.get(id);
            if (entry == null || !entry.namespaces.equals(namespaces)) {
                // A task that moved on to yet another namespace starts its grace period again.
                if (entry != null && entry.reported) {
                    listener.recovered(id, entry.name);
                }
                entry = new Tracked(namespaces, nowNanos, stray.task().name());
                tracked.put(id, entry);
            }
            if (nowNanos - entry.firstSeen >= graceNanos) {
                leaked.add(stray);
                if (!entry.reported) {
                    entry.reported = true;
                    newlyLeaked.add(stray);
                }
            }
        }
        for (SpilledTask task : newlyLeaked) {
            listener.leaked(task, report.render(List.of(task)));
        }
        if (report.isSupported()) {
            tracked.entrySet().removeIf(e -> {
                if (seen.contains(e.getKey())) {
                    return false;
                }
                if (e.getValue().reported) {
                    listener.recovered(e.getKey(), e.getValue().name);
                }
                return true;
            });
        }
        return leaked;
    }
}
