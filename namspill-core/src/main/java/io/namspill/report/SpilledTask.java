package io.namspill.report;

import io.namspill.jvm.JavaThread;
import io.namspill.snapshot.Task;
import io.namspill.trace.Origin;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A task attached, for at least one type, to another namespace than the reference.
 *
 * @param task the task as it was read
 * @param differences only the types where it differs: type to its namespace beside the reference
 * @param thread the Java thread running on the task, where the JVM could name one
 * @param origin the traced call that left the task in its current foreign namespace, where the
 *        {@linkplain io.namspill.Namspill#enableTrace() origin trace} saw it
 */
public record SpilledTask(Task task, Map<String, NamespaceDifference> differences, Optional<JavaThread> thread,
        Optional<Origin> origin) {

    public SpilledTask {
        Objects.requireNonNull(task, "task");
        differences = Collections.unmodifiableMap(new LinkedHashMap<>(differences));
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(origin, "origin");
    }

    /** A spilled task whose origin is not known. */
    public SpilledTask(Task task, Map<String, NamespaceDifference> differences, Optional<JavaThread> thread) {
        this(task, differences, thread, Optional.empty());
    }

    /** Whether the task is inside a switch made through {@link io.namspill.Namespaces}: switched, not leaked. */
    public boolean isSwitched() {
        return task.isSwitched();
    }

    /** The differing types only: type to the task's inode. */
    public Map<String, Long> namespaces() {
        Map<String, Long> namespaces = new LinkedHashMap<>();
        differences.forEach((type, difference) -> namespaces.put(type, difference.inode()));
        return Collections.unmodifiableMap(namespaces);
    }
}
