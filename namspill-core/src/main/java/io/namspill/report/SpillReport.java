package io.namspill.report;

import io.namspill.jvm.JavaThread;
import io.namspill.snapshot.Task;
import io.namspill.snapshot.TaskSnapshot;
import io.namspill.trace.Origin;
import io.namspill.trace.OriginSource;
import io.namspill.trace.TraceStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The judgement of one {@link TaskSnapshot}: the reference (the thread-group leader's
 * namespaces), per type the distinct namespaces and their task counts, and the spilled tasks,
 * each with only the types where it differs. Computed from the snapshot and the
 * {@link SpillOptions} alone; the only outside calls are the options'
 * {@link io.namspill.jvm.ThreadCorrelator} and {@link OriginSource}, and only when a task spilled.
 */
public final class SpillReport {

    private final TaskSnapshot snapshot;
    private final Map<String, Long> reference;
    private final Map<String, TypeSummary> types;
    private final List<SpilledTask> spilledTasks;
    private final Optional<TraceStatus> trace;

    private SpillReport(TaskSnapshot snapshot, Map<String, Long> reference, Map<String, TypeSummary> types,
            List<SpilledTask> spilledTasks, Optional<TraceStatus> trace) {
        this.snapshot = snapshot;
        this.reference = Collections.unmodifiableMap(reference);
        this.types = Collections.unmodifiableMap(types);
        this.spilledTasks = List.copyOf(spilledTasks);
        this.trace = trace;
    }

    /** Judges {@code snapshot} with the {@linkplain SpillOptions#defaults() default options}. */
    public static SpillReport of(TaskSnapshot snapshot) {
        return of(snapshot, SpillOptions.defaults());
    }

    /** Judges {@code snapshot} with {@code options}. */
    public static SpillReport of(TaskSnapshot snapshot, SpillOptions options) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(options, "options");
        Optional<Task> leader = snapshot.leader();
        if (!snapshot.isSupported() || leader.isEmpty()) {
            return new SpillReport(snapshot, Map.of(), Map.of(), List.of(), Optional.empty());
        }
        List<String> allTypes = snapshot.types();
        List<Integer> counted = new ArrayList<>();
        Map<String, Long> reference = new LinkedHashMap<>();
        for (int i = 0; i < allTypes.size(); i++) {
            int index = i;
            leader.get().namespace(allTypes.get(i)).ifPresent(inode -> reference.put(allTypes.get(index), inode));
            if (options.counts(allTypes.get(i))) {
                counted.add(i);
            }
        }

        List<Candidate> candidates = new ArrayList<>();
        for (Task task : snapshot.tasks()) {
            Map<String, NamespaceDifference> differences = differences(task, leader.get(), counted, allTypes);
            if (!differences.isEmpty() && !options.ignores(task.name().orElse(null))) {
                candidates.add(new Candidate(task, differences));
            }
        }

        Map<Integer, JavaThread> threads = candidates.isEmpty() ? Map.of()
                : options.correlatorFor(snapshot).threadsOf(candidates.stream().map(c -> c.task().tid()).toList());
        OriginSource origins = options.originsFor(snapshot);
        Optional<TraceStatus> trace = origins.status();
        boolean traced = trace.isPresent() && trace.get().active();
        List<SpilledTask> spilled = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Optional<JavaThread> thread = Optional.ofNullable(threads.get(candidate.task().tid()));
            Optional<Origin> origin = traced ? origins.originOf(candidate.task().id(), inodes(candidate.differences()))
                    : Optional.empty();
            if ((thread.isEmpty() || !options.ignores(thread.get().name())) && !options.ignoresOrigin(origin)) {
                spilled.add(new SpilledTask(candidate.task(), candidate.differences(), thread, origin));
            }
        }
        return new SpillReport(snapshot, reference, census(snapshot, leader.get(), spilled), spilled, trace);
    }

    private static Map<String, Long> inodes(Map<String, NamespaceDifference> differences) {
        Map<String, Long> inodes = new LinkedHashMap<>();
        differences.forEach((type, difference) -> inodes.put(type, difference.inode()));
        return inodes;
    }

    private record Candidate(Task task, Map<String, NamespaceDifference> differences) {
    }

    private static Map<String, NamespaceDifference> differences(Task task, Task leader, List<Integer> counted,
            List<String> allTypes) {
        Map<String, NamespaceDifference> differences = new LinkedHashMap<>();
        if (task.isLeader() || task.hasSameNamespacesAs(leader)) {
            return differences; // the common case, answered without a look at any type
        }
        for (int i : counted) {
            OptionalLong mine = task.namespace(allTypes.get(i));
            OptionalLong theirs = leader.namespace(allTypes.get(i));
            // Unknown on either side cannot be judged and never makes a task spilled.
            if (mine.isPresent() && theirs.isPresent() && mine.getAsLong() != theirs.getAsLong()) {
                differences.put(allTypes.get(i), new NamespaceDifference(mine.getAsLong(), theirs.getAsLong()));
            }
        }
        return differences;
    }

    /** Every type read, counted or not; only counted types can have spilled tasks. */
    private static Map<String, TypeSummary> census(TaskSnapshot snapshot, Task leader, List<SpilledTask> spilled) {
        List<Row> rows = rows(snapshot.tasks());
        Map<String, TypeSummary> types = new LinkedHashMap<>();
        for (int i = 0; i < snapshot.types().size(); i++) {
            String type = snapshot.types().get(i);
            Map<Long, Integer> tasksPerInode = new TreeMap<>();
            for (Row row : rows) {
                row.task().namespace(type).ifPresent(inode -> tasksPerInode.merge(inode, row.tasks(), Integer::sum));
            }
            long referenceInode = leader.namespace(type).orElse(0);
            List<NamespaceCount> namespaces = new ArrayList<>();
            tasksPerInode.forEach((inode, tasks) -> namespaces.add(new NamespaceCount(inode, tasks, inode == referenceInode)));
            namespaces.sort((a, b) -> Boolean.compare(b.reference(), a.reference()));
            int spilledTasks = (int) spilled.stream()
                    .filter(s -> !s.isSwitched() && s.differences().containsKey(type))
                    .count();
            types.put(type, new TypeSummary(type, namespaces, spilledTasks));
        }
        return types;
    }

    /** Tasks attached to the same namespaces in every type, counted once: most tasks share the leader's. */
    private record Row(Task task, int tasks) {
    }

    /** Groups {@code tasks} into rows; a row may appear twice (the census adds them up), never a task in two. */
    private static List<Row> rows(List<Task> tasks) {
        List<Task> firsts = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Task task : tasks) {
            int found = -1;
            // Only the latest few rows are compared: a snapshot of countless distinct rows stays linear.
            for (int i = firsts.size() - 1; i >= Math.max(0, firsts.size() - 8) && found < 0; i--) {
                found = firsts.get(i).hasSameNamespacesAs(task) ? i : -1;
            }
            if (found < 0) {
                firsts.add(task);
                counts.add(1);
            }
            else {
                counts.set(found, counts.get(found) + 1);
            }
        }
        List<Row> rows = new ArrayList<>(firsts.size());
        for (int i = 0; i < firsts.size(); i++) {
            rows.add(new Row(firsts.get(i), counts.get(i)));
        }
        return rows;
    }

    /** The snapshot this report judges. */
    public TaskSnapshot snapshot() {
        return snapshot;
    }

    /** Whether the snapshot could be read; when not, nothing is judged. */
    public boolean isSupported() {
        return snapshot.isSupported();
    }

    /**
     * Whether every task, outside a switch made through {@link io.namspill.Namespaces}, shares the
     * reference's namespaces of every counted type. False where unsupported: not knowing is
     * never "uniform".
     */
    public boolean isUniform() {
        return isSupported() && strayTasks().isEmpty();
    }

    /** The reference: the leader's namespace of every type read, where it could be read. */
    public Map<String, Long> reference() {
        return reference;
    }

    /**
     * Per type read, in name order, the distinct namespaces among the tasks; types that do not
     * count ({@link SpillOptions#withTypes}) are listed too, never with spilled tasks.
     */
    public Map<String, TypeSummary> types() {
        return types;
    }

    /** Every spilled task that is not ignored, those inside a switch included. */
    public List<SpilledTask> spilledTasks() {
        return spilledTasks;
    }

    /** The spilled tasks outside a switch made through {@link io.namspill.Namespaces}: candidates for a leak. */
    public List<SpilledTask> strayTasks() {
        return spilledTasks.stream().filter(s -> !s.isSwitched()).toList();
    }

    /** The spilled tasks inside a switch made through {@link io.namspill.Namespaces}. */
    public List<SpilledTask> switchedTasks() {
        return spilledTasks.stream().filter(SpilledTask::isSwitched).toList();
    }

    /**
     * Whether the {@linkplain io.namspill.Namspill#enableTrace() origin trace} was enabled when this
     * report was made, and whether it runs; empty where nobody enabled it (or the snapshot is of
     * another process). Where it runs, spilled tasks carry their {@link SpilledTask#origin()}.
     */
    public Optional<TraceStatus> trace() {
        return trace;
    }

    /** A readable rendering for test failures and logs; uniform tasks are not listed. */
    public String render() {
        return ReportText.render(this, strayTasks());
    }

    /**
     * The same rendering for a chosen subset of this report's spilled tasks, such as those that
     * spilled during one test, or those that stayed spilled past a grace period.
     */
    public String render(List<SpilledTask> tasks) {
        return ReportText.render(this, tasks);
    }

    /**
     * The rendering of one newly leaked task of this report, as a log line gives it: {@code task
     * 3958 "pool-1-thread-1" newly leaked; 3 of 42 tasks of pid 1234 leaked in all ...}.
     *
     * @param leakedInAll how many tasks of this report count as leaked, {@code task} included
     */
    public String renderLeak(SpilledTask task, int leakedInAll) {
        return ReportText.renderLeak(this, task, leakedInAll);
    }

    @Override
    public String toString() {
        return render();
    }
}
