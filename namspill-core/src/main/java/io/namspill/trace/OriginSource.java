package io.namspill.trace;

import io.namspill.snapshot.TaskId;
import java.util.Map;
import java.util.Optional;

/**
 * Where a report finds the origins of spilled tasks, given through
 * {@link io.namspill.report.SpillOptions#withOrigins(OriginSource)}; by default the origin trace
 * that {@link io.namspill.Namspill#enableTrace()} started, for snapshots of this JVM.
 */
public interface OriginSource {

    /** The trace's status; empty where no trace was enabled, and reports then say nothing of origins. */
    Optional<TraceStatus> status();

    /**
     * The traced call that left task {@code task} in the namespaces {@code namespaces} lists (type
     * to the task's inode, the types where it differs from the reference); empty where unknown.
     */
    Optional<Origin> originOf(TaskId task, Map<String, Long> namespaces);

    /** A source that knows no origin: reports without a trace section. */
    static OriginSource none() {
        return new OriginSource() {
            @Override
            public Optional<TraceStatus> status() {
                return Optional.empty();
            }

            @Override
            public Optional<Origin> originOf(TaskId task, Map<String, Long> namespaces) {
                return Optional.empty();
            }
        };
    }
}
