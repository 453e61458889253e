package io.namspill.test;

import io.namspill.jvm.ThreadCorrelator;
import io.namspill.report.SpillOptions;
import io.namspill.report.SpillReport;
import io.namspill.report.SpilledTask;
import io.namspill.snapshot.TaskId;
import io.namspill.snapshot.TaskSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Compares the tasks after a test with the {@link SpillBaseline} taken before it, and re-checks
 * for a bounded time before it calls anything new a leak: a thread that ended a namespace dance
 * may still be exiting when the test returns.
 *
 * <p>Scans are cheap (procfs only). A thread dump, which stops the world, is taken only for
 * tasks that spilled since the baseline: once to apply the Java thread-name patterns and the
 * predicate, and once more when the check fails, so that the message shows the threads as they
 * are at the end.
 */
final class SettlingCheck {

    /** Blocker of the parked test thread while it waits for tasks to settle: named in thread dumps. */
    static final Object SETTLING = new WaitingForSpilledTasksToSettle();

    private static final class WaitingForSpilledTasksToSettle {
    }

    private static final long FIRST_PAUSE = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long LONGEST_PAUSE = TimeUnit.MILLISECONDS.toNanos(100);

    private final Supplier<TaskSnapshot> snapshots;
    private final SpillOptions options;
    private final SpillOptions uncorrelated;
    private final Predicate<? super SpilledTask> ignore;
    private final long settleNanos;

    SettlingCheck(Supplier<TaskSnapshot> snapshots, SpillOptions options, Predicate<? super SpilledTask> ignore,
            Duration settle) {
        this.snapshots = snapshots;
        this.options = options;
        this.uncorrelated = options.withCorrelator(ThreadCorrelator.none());
        this.ignore = ignore;
        this.settleNanos = saturatedNanos(settle);
    }

    /** The outcome of one check. */
    sealed interface Verdict {
    }

    /** Nothing spilled during the test; {@code preExisting} spilled before it and still is. */
    record Clean(List<SpilledTask> preExisting) implements Verdict {
    }

    /** {@code leaked} spilled during the test and stayed so for the whole settle time. */
    record Leaked(SpillReport report, List<SpilledTask> leaked, List<SpilledTask> preExisting) implements Verdict {
    }

    /** The namespaces could not be read. */
    record Unsupported(String reason) implements Verdict {
    }

    Verdict run(SpillBaseline baseline) {
        if (baseline.unsupportedReason().isPresent()) {
            return new Unsupported(baseline.unsupportedReason().get());
        }
        long start = System.nanoTime();
        Set<TaskId> judged = new HashSet<>();
        Set<TaskId> ignored = new HashSet<>();
        long pause = FIRST_PAUSE;
        while (true) {
            TaskSnapshot snapshot = snapshots.get();
            long remaining = settleNanos - (System.nanoTime() - start);
            // An interrupted thread cannot park: check once more and give the verdict.
            boolean last = remaining <= 0 || Thread.currentThread().isInterrupted();
            if (!snapshot.isSupported()) {
                if (last) {
                    return new Unsupported(snapshot.unsupportedReason().orElse("unknown reason"));
                }
            }
            else {
                SpillReport report = SpillReport.of(snapshot, uncorrelated);
                List<SpilledTask> fresh = fresh(report, baseline, ignored);
                if (!fresh.isEmpty() && (last || !judged.containsAll(ids(fresh)))) {
                    SpillReport named = SpillReport.of(snapshot, options);
                    List<SpilledTask> kept = fresh(named, baseline, ignored);
                    kept.removeIf(ignore::test);
                    Set<TaskId> keptIds = ids(kept);
                    for (TaskId id : ids(fresh)) {
                        judged.add(id);
                        if (!keptIds.contains(id)) {
                            ignored.add(id); // matched a Java thread-name pattern or the predicate
                        }
                    }
                    report = named;
                    fresh = kept;
                }
                if (fresh.isEmpty()) {
                    return new Clean(preExisting(report, baseline, ignored));
                }
                if (last) {
                    return new Leaked(report, fresh, preExisting(report, baseline, ignored));
                }
            }
            LockSupport.parkNanos(SETTLING, Math.min(pause, remaining));
            pause = Math.min(pause * 2, LONGEST_PAUSE);
        }
    }

    private static List<SpilledTask> fresh(SpillReport report, SpillBaseline baseline, Set<TaskId> ignored) {
        List<SpilledTask> fresh = new ArrayList<>();
        for (SpilledTask task : report.strayTasks()) {
            if (baseline.isNew(task) && !ignored.contains(task.task().id())) {
                fresh.add(task);
            }
        }
        return fresh;
    }

    private static List<SpilledTask> preExisting(SpillReport report, SpillBaseline baseline, Set<TaskId> ignored) {
        return report.strayTasks().stream()
                .filter(task -> !baseline.isNew(task) && !ignored.contains(task.task().id()))
                .toList();
    }

    private static Set<TaskId> ids(List<SpilledTask> tasks) {
        Set<TaskId> ids = new HashSet<>();
        tasks.forEach(task -> ids.add(task.task().id()));
        return ids;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        }
        catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }
}
