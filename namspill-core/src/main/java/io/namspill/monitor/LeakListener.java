package io.namspill.monitor;

import io.namspill.report.SpilledTask;
import io.namspill.snapshot.TaskId;

/**
 * Told when a task first counts as leaked and when it no longer does: once each, not on every
 * scan, so that a log line per event stays readable.
 */
public interface LeakListener {

    /** {@code task} has stayed spilled for the grace period; {@code rendering} explains it. */
    void leaked(SpilledTask task, String rendering);

    /** The task {@code id} ({@code name}) that leaked is back in the reference namespaces, or ended. */
    void recovered(TaskId id, String name);

    /** A listener that does nothing. */
    static LeakListener none() {
        return new LeakListener() {
            @Override
            public void leaked(SpilledTask task, String rendering) {
            }

            @Override
            public void recovered(TaskId id, String name) {
            }
        };
    }
}
