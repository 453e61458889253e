package io.namspill.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.report.SpillOptions;
import io.namspill.report.SpilledTask;
import io.namspill.snapshot.TaskSnapshot;
import io.namspill.testing.FixtureProcfs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline diff and the settle loop, on fixture procfs trees: exact, no real threads. */
class SettlingCheckTests {

    private static final long NET = 4026531840L;
    private static final long UTS = 4026531838L;
    private static final long OTHER_NET = 4026532177L;
    private static final long OTHER_UTS = 4026532201L;


    private static final int PID = 100;
    private static final Duration LONG_SETTLE = Duration.ofMinutes(1);

    @TempDir
    Path root;

    private FixtureProcfs tree() {
        return FixtureProcfs.create(root, PID).task(PID, 1, "java", netAndUts(NET, UTS))
                .task(101, 50, "worker", netAndUts(NET, UTS));
    }

    private static SettlingCheck check(Supplier<TaskSnapshot> snapshots, Duration settle) {
        return check(snapshots, settle, SpillOptions.defaults(), task -> false);
    }

    private static SettlingCheck check(Supplier<TaskSnapshot> snapshots, Duration settle, SpillOptions options,
            Predicate<SpilledTask> ignore) {
        return new SettlingCheck(snapshots, options, ignore, settle);
    }

    /** The verdict at once (no settle time) on {@code tree} as {@code test} leaves it, against the baseline before it. */
    private static SettlingCheck.Verdict verdictAfter(FixtureProcfs tree, Consumer<FixtureProcfs> test) {
        return check(tree::scan, Duration.ZERO).run(baselineBefore(tree, test));
    }

    /** The baseline of {@code tree} before {@code test} changes it. */
    private static SpillBaseline baselineBefore(FixtureProcfs tree, Consumer<FixtureProcfs> test) {
        SpillBaseline baseline = SpillBaseline.of(tree.scan());
        test.accept(tree);
        return baseline;
    }

    /** Scans of {@code tree}, counted in {@code scans}; {@code change} comes just before scan {@code n}. */
    private static Supplier<TaskSnapshot> changingAtScan(FixtureProcfs tree, int n, Consumer<FixtureProcfs> change,
            AtomicInteger scans) {
        return () -> {
            if (scans.incrementAndGet() == n) {
                change.accept(tree);
            }
            return tree.scan();
        };
    }

    private static void assertPreExisting(SettlingCheck.Verdict verdict, Integer... tids) {
        assertThat(verdict).isInstanceOfSatisfying(SettlingCheck.Clean.class,
                clean -> assertThat(tids(clean.preExisting())).containsExactly(tids));
    }

    private static List<Integer> tids(List<SpilledTask> tasks) {
        return tasks.stream().map(task -> task.task().tid()).toList();
    }

    @Test
    void aUniformProcessIsClean() {
        assertThat(verdictAfter(tree(), unchanged -> { })).isEqualTo(new SettlingCheck.Clean(List.of()));
    }

    @Test
    void aTaskThatSpilledDuringTheTestAndStaysIsALeak() {
        FixtureProcfs tree = tree();
        SpillBaseline baseline = baselineBefore(tree, test -> test.task(102, 60, "leaky-worker", netAndUts(NET, OTHER_UTS)));

        SettlingCheck.Verdict verdict = check(tree::scan, Duration.ofMillis(50)).run(baseline);

        assertThat(verdict).isInstanceOfSatisfying(SettlingCheck.Leaked.class, leaked -> {
            assertThat(tids(leaked.leaked())).containsExactly(102);
            assertThat(leaked.leaked().get(0).namespaces()).isEqualTo(Map.of("uts", OTHER_UTS));
            assertThat(leaked.preExisting()).isEmpty();
        });
    }

    @Test
    void aTaskThatVanishesWhileSettlingIsNoLeak() {
        FixtureProcfs tree = tree();
        SpillBaseline baseline = baselineBefore(tree, test -> test.task(102, 60, "exiting", netAndUts(NET, OTHER_UTS)));
        AtomicInteger scans = new AtomicInteger();
        Supplier<TaskSnapshot> exitsAtTheThirdScan = changingAtScan(tree, 3, exiting -> exiting.remove(102), scans);

        assertThat(check(exitsAtTheThirdScan, LONG_SETTLE).run(baseline)).isEqualTo(new SettlingCheck.Clean(List.of()));
        assertThat(scans).hasValue(3);
    }

    @Test
    void aTaskThatMovesBackWhileSettlingIsNoLeak() {
        FixtureProcfs tree = tree();
        SpillBaseline baseline = baselineBefore(tree, test -> test.task(101, 50, "worker", netAndUts(OTHER_NET, UTS)));
        Supplier<TaskSnapshot> restoresAtTheSecondScan = changingAtScan(tree, 2,
                restoring -> restoring.task(101, 50, "worker", netAndUts(NET, UTS)), new AtomicInteger());

        assertThat(check(restoresAtTheSecondScan, LONG_SETTLE).run(baseline)).isEqualTo(new SettlingCheck.Clean(List.of()));
    }

    @Test
    void withoutSettleTimeTheFirstCheckDecides() {
        FixtureProcfs tree = tree();
        SpillBaseline baseline = baselineBefore(tree, test -> test.task(102, 60, "exiting", netAndUts(NET, OTHER_UTS)));
        AtomicInteger scans = new AtomicInteger();

        SettlingCheck.Verdict verdict = check(() -> {
            scans.incrementAndGet();
            return tree.scan();
        }, Duration.ZERO).run(baseline);

        assertThat(verdict).isInstanceOf(SettlingCheck.Leaked.class);
        assertThat(scans).hasValue(1);
    }

    @Test
    void aTaskSpilledBeforeTheTestWithTheSameNamespacesIsPreExistingNotALeak() {
        FixtureProcfs tree = tree().task(102, 60, "leaky-worker", netAndUts(NET, OTHER_UTS));

        assertPreExisting(verdictAfter(tree, unchanged -> { }), 102);
    }

    @Test
    void aReusedTidWithAnotherStartTimeIsANewTask() {
        FixtureProcfs tree = tree().task(102, 60, "leaky-worker", netAndUts(NET, OTHER_UTS));

        SettlingCheck.Verdict verdict = verdictAfter(tree, test -> test.task(102, 75, "leaky-worker", netAndUts(NET, OTHER_UTS)));

        assertThat(verdict).isInstanceOfSatisfying(SettlingCheck.Leaked.class,
                leaked -> assertThat(tids(leaked.leaked())).containsExactly(102));
    }

    @Test
    void aPreExistingTaskThatSpilledIntoAnotherTypeIsALeak() {
        FixtureProcfs tree = tree().task(102, 60, "leaky-worker", netAndUts(NET, OTHER_UTS));

        assertThat(verdictAfter(tree, test -> test.task(102, 60, "leaky-worker", netAndUts(OTHER_NET, OTHER_UTS))))
                .isInstanceOf(SettlingCheck.Leaked.class);
    }

    @Test
    void aPreExistingTaskThatMovedBackPartOfTheWayIsNoLeak() {
        FixtureProcfs tree = tree().task(102, 60, "leaky-worker", netAndUts(OTHER_NET, OTHER_UTS));

        assertPreExisting(verdictAfter(tree, test -> test.task(102, 60, "leaky-worker", netAndUts(NET, OTHER_UTS))), 102);
    }

    @Test
    void aLeakIsListedApartFromThePreExistingTasks() {
        FixtureProcfs tree = tree().task(102, 60, "old-leak", netAndUts(NET, OTHER_UTS));

        SettlingCheck.Verdict verdict = verdictAfter(tree, test -> test.task(103, 70, "new-leak", netAndUts(OTHER_NET, UTS)));

        assertThat(verdict).isInstanceOfSatisfying(SettlingCheck.Leaked.class, leaked -> {
            assertThat(tids(leaked.leaked())).containsExactly(103);
            assertThat(tids(leaked.preExisting())).containsExactly(102);
            assertThat(leaked.report().render(leaked.leaked())).contains("task 103 \"new-leak\"")
                    .doesNotContain("old-leak");
        });
    }

    @Test
    void aTaskWhoseNameMatchesAnIgnorePatternIsNoLeak() {
        FixtureProcfs tree = tree();
        SpillBaseline baseline = baselineBefore(tree, test -> test.task(102, 60, "netns-worker-1", netAndUts(OTHER_NET, UTS)));
        SpillOptions options = SpillOptions.defaults().withIgnoredThreads(List.of(Pattern.compile("netns-worker-\\d+")));

        assertThat(check(tree::scan, Duration.ZERO, options, task -> false).run(baseline))
                .isEqualTo(new SettlingCheck.Clean(List.of()));
    }

    @Test
    void aTaskThatThePredicateAcceptsIsNoLeakAndTheOthersStillAre() {
        FixtureProcfs tree = tree();
        SpillBaseline baseline = baselineBefore(tree, test -> test.task(102, 60, "netns-holder", netAndUts(OTHER_NET, UTS)).task(103, 70, "leaky-worker", netAndUts(NET, OTHER_UTS)));
        Predicate<SpilledTask> holdsNet = task -> task.differences().keySet().equals(java.util.Set.of("net"));

        SettlingCheck.Verdict verdict = check(tree::scan, Duration.ZERO, SpillOptions.defaults(), holdsNet).run(baseline);

        assertThat(verdict).isInstanceOfSatisfying(SettlingCheck.Leaked.class,
                leaked -> assertThat(tids(leaked.leaked())).containsExactly(103));
    }

    @Test
    void aPlatformWithoutProcfsIsUnsupportedWithTheReason() {
        Supplier<TaskSnapshot> nothing = () -> new io.namspill.snapshot.TaskScanner(root).scan();
        SpillBaseline baseline = SpillBaseline.of(nothing.get());

        assertThat(check(nothing, LONG_SETTLE).run(baseline)).isInstanceOfSatisfying(SettlingCheck.Unsupported.class,
                unsupported -> assertThat(unsupported.reason()).contains("no procfs at " + root));
    }

    @Test
    void procfsThatBecomesUnreadableAfterTheTestIsUnsupported() {
        FixtureProcfs tree = tree();
        SpillBaseline baseline = SpillBaseline.of(tree.scan());
        Supplier<TaskSnapshot> nothing = () -> new io.namspill.snapshot.TaskScanner(root.resolve("gone")).scan();

        assertThat(check(nothing, Duration.ofMillis(20)).run(baseline)).isInstanceOf(SettlingCheck.Unsupported.class);
    }

    private static Map<String, Long> netAndUts(long net, long uts) {
        return Map.of("net", net, "uts", uts);
    }
}
