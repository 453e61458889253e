package io.namspill.test;

import io.namspill.jvm.ThreadCorrelator;
import io.namspill.report.NamespaceDifference;
import io.namspill.report.SpillOptions;
import io.namspill.report.SpillReport;
import io.namspill.report.SpilledTask;
import io.namspill.snapshot.TaskId;
import io.namspill.snapshot.TaskSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What was spilled before a test: each stray task by identity (tid plus start time, because
 * tids are reused) with its differences. Read without a thread dump: identities and inodes are
 * all a baseline needs.
 */
final class SpillBaseline {

    /** Everything counts and nothing is named: the cheapest judgement of a snapshot. */
    static final SpillOptions UNCORRELATED = SpillOptions.defaults().withCorrelator(ThreadCorrelator.none());

    private final @Nullable String unsupportedReason;
    private final Map<TaskId, Map<String, NamespaceDifference>> spilled;

    private SpillBaseline(@Nullable String unsupportedReason, Map<TaskId, Map<String, NamespaceDifference>> spilled) {
        this.unsupportedReason = unsupportedReason;
        this.spilled = spilled;
    }

    static SpillBaseline of(TaskSnapshot snapshot) {
        if (!snapshot.isSupported()) {
            return new SpillBaseline(snapshot.unsupportedReason().orElse("unknown reason"), Map.of());
        }
        Map<TaskId, Map<String, NamespaceDifference>> spilled = new HashMap<>();
        for (SpilledTask task : SpillReport.of(snapshot, UNCORRELATED).strayTasks()) {
            spilled.put(task.task().id(), task.differences());
        }
        return new SpillBaseline(null, spilled);
    }

    /** Why the namespaces could not be read before the test; empty when they could. */
    Optional<String> unsupportedReason() {
        return Optional.ofNullable(unsupportedReason);
    }

    /**
     * Whether {@code task} spilled since the baseline: it was not spilled then, or it is now
     * attached to a namespace it was not attached to then. A task that only moved back part of
     * the way is not new.
     */
    boolean isNew(SpilledTask task) {
        Map<String, NamespaceDifference> before = spilled.get(task.task().id());
        if (before == null) {
            return true;
        }
        for (Map.Entry<String, NamespaceDifference> difference : task.differences().entrySet()) {
            if (!difference.getValue().equals(before.get(difference.getKey()))) {
                return true;
            }
        }
        return false;
    }
}
