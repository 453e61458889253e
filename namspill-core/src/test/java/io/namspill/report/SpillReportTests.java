package io.namspill.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.jvm.JavaThread;
import io.namspill.jvm.ThreadCorrelator;
import io.namspill.snapshot.TaskId;
import io.namspill.snapshot.TaskScanner;
import io.namspill.snapshot.TaskSnapshot;
import io.namspill.testing.FixtureProcfs;
import io.namspill.trace.Origin;
import io.namspill.trace.OriginSource;
import io.namspill.trace.TraceStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judgement of a snapshot: plain values in, plain values out. */
class SpillReportTests {

    private static final long FOREIGN_UTS = 4026532177L;
    private static final long FOREIGN_NET = 4026532200L;

    @TempDir
    Path root;

    private TaskSnapshot snapshot;

    @BeforeEach
    void fixture() {
        snapshot = new TaskScanner(FixtureProcfs.create(root, 100)
                .task(100, "java", FixtureProcfs.HOST)
                .task(101, "main", FixtureProcfs.HOST)
                .task(102, "pool-1-thread-1", FixtureProcfs.hostWith(Map.of("uts", FOREIGN_UTS, "net", FOREIGN_NET)))
                .task(103, "GC Thread#0", FixtureProcfs.HOST)
                .root()).scan();
    }

    private TaskSnapshot snapshotWithOneSpilledWorker() {
        return snapshot;
    }

    @Test
    void theReferenceIsTheLeadersNamespaces() {
        SpillReport report = SpillReport.of(snapshotWithOneSpilledWorker());

        assertThat(report.reference()).containsEntry("uts", 4026531838L).containsEntry("net", 4026531840L).hasSize(10);
    }

    @Test
    void aSpilledTaskCarriesOnlyTheTypesWhereItDiffersBesideTheReference() {
        SpillReport report = SpillReport.of(snapshotWithOneSpilledWorker());

        assertThat(report.isUniform()).isFalse();
        assertThat(report.strayTasks()).singleElement().satisfies(spilled -> {
            assertThat(spilled.task().tid()).isEqualTo(102);
            assertThat(spilled.differences()).containsOnly(
                    Map.entry("net", new NamespaceDifference(FOREIGN_NET, 4026531840L)),
                    Map.entry("uts", new NamespaceDifference(FOREIGN_UTS, 4026531838L)));
            assertThat(spilled.namespaces()).containsOnly(Map.entry("net", FOREIGN_NET), Map.entry("uts", FOREIGN_UTS));
        });
    }

    @Test
    void theCensusCountsTasksPerNamespaceReferenceFirst() {
        TypeSummary uts = SpillReport.of(snapshotWithOneSpilledWorker()).types().get("uts");

        assertThat(uts.namespaces()).containsExactly(new NamespaceCount(4026531838L, 3, true),
                new NamespaceCount(FOREIGN_UTS, 1, false));
        assertThat(uts.spilledTasks()).isEqualTo(1);
        assertThat(SpillReport.of(snapshotWithOneSpilledWorker()).types().get("ipc").spilledTasks()).isZero();
    }

    @Test
    void onlyTheCountedTypesAreJudgedButEveryTypeReadIsInTheCensus() {
        SpillReport report = SpillReport.of(snapshotWithOneSpilledWorker(), SpillOptions.defaults().withTypes(List.of("ipc", "mnt")));

        assertThat(report.isUniform()).isTrue();
        assertThat(report.strayTasks()).isEmpty();
        // The census still covers every type read: not counting is not hiding.
        assertThat(report.types()).hasSize(10);
        assertThat(report.types().get("uts").namespaces()).hasSize(2);
        assertThat(report.types().get("uts").spilledTasks()).isZero();
        assertThat(report.reference()).hasSize(10);
    }

    @Test
    void aTaskWhoseNameMatchesAnIgnorePatternFullyIsNeverSpilled() {
        SpillOptions ignorePool = SpillOptions.defaults().withIgnoredThreads(List.of(Pattern.compile("pool-\\d+-thread-\\d+")));
        SpillOptions partialMatch = SpillOptions.defaults().withIgnoredThreads(List.of(Pattern.compile("pool")));

        assertThat(SpillReport.of(snapshotWithOneSpilledWorker(), ignorePool).isUniform()).isTrue();
        assertThat(SpillReport.of(snapshotWithOneSpilledWorker(), partialMatch).isUniform()).isFalse();
    }

    @Test
    void aJavaThreadNameMatchingAnIgnorePatternIgnoresTheTask() {
        ThreadCorrelator namesIt = tids -> Map.of(102, new JavaThread(31, "netns-keeper", "WAITING", true, List.of()));
        SpillOptions options = SpillOptions.defaults().withCorrelator(namesIt)
                .withIgnoredThreads(List.of(Pattern.compile("netns-.*")));

        assertThat(SpillReport.of(snapshotWithOneSpilledWorker(), options).isUniform()).isTrue();
    }

    @Test
    void theCorrelatorIsAskedOnlyAboutSpilledTasksAndNeverWhileUniform() {
        List<List<Integer>> asked = new ArrayList<>();
        ThreadCorrelator recording = tids -> {
            asked.add(List.copyOf(tids));
            return Map.of();
        };
        TaskSnapshot uniform = new TaskScanner(FixtureProcfs.create(root.resolve("u"), 7).task(7, "java", FixtureProcfs.HOST)
                .task(8, "main", FixtureProcfs.HOST).root()).scan();

        SpillReport.of(uniform, SpillOptions.defaults().withCorrelator(recording));
        assertThat(asked).isEmpty();

        SpillReport.of(snapshotWithOneSpilledWorker(), SpillOptions.defaults().withCorrelator(recording));
        assertThat(asked).containsExactly(List.of(102));
    }

    @Test
    void theRenderingNamesEverySpilledTaskItsThreadAndEachDifferingTypeBesideTheReferenceButNoUniformTask() {
        ThreadCorrelator namesIt = tids -> Map.of(102, new JavaThread(31, "pool-1-thread-1", "WAITING", false,
                List.of("java.base/jdk.internal.misc.Unsafe.park(Native Method)", "java.base/java.lang.Thread.run(Thread.java:840)")));

        String text = SpillReport.of(snapshotWithOneSpilledWorker(), SpillOptions.defaults().withCorrelator(namesIt)).render();

        assertThat(text).contains("1 of 4 tasks of pid 100 is attached to other namespaces",
                "task 102 \"pool-1-thread-1\"", "Java thread \"pool-1-thread-1\" (id 31, WAITING)",
                "uts: 4026532177 (reference 4026531838)", "net: 4026532200 (reference 4026531840)",
                "at java.base/jdk.internal.misc.Unsafe.park(Native Method)");
        assertThat(text).doesNotContain("GC Thread#0").doesNotContain("task 101");
    }

    @Test
    void withoutAJavaThreadTheRenderingFallsBackToTidAndTaskName() {
        String text = SpillReport.of(snapshotWithOneSpilledWorker(), SpillOptions.defaults().withCorrelator(ThreadCorrelator.none()))
                .render();

        assertThat(text).contains("task 102 \"pool-1-thread-1\", no Java thread known");
    }

    @Test
    void anUnsupportedSnapshotIsNeverUniformAndRendersItsReason() {
        SpillReport report = SpillReport.of(new TaskScanner(root.resolve("absent")).scan());

        assertThat(report.isUniform()).isFalse();
        assertThat(report.render()).startsWith("namespaces cannot be checked: no procfs at");
    }

    @Test
    void aReportTakesItsOriginsFromItsOptionsOnly() {
        Origin origin = new Origin("unshare", List.of("uts", "net"), Instant.parse("2026-12-01T22:31:40Z"),
                Optional.of("pool-1-thread-1"), List.of(), Optional.of("test"));
        List<Map<String, Long>> asked = new ArrayList<>();
        OriginSource source = new OriginSource() {
            @Override
            public Optional<TraceStatus> status() {
                return Optional.of(new TraceStatus(true, "a test's trace"));
            }

            @Override
            public Optional<Origin> originOf(TaskId task, Map<String, Long> namespaces) {
                asked.add(namespaces);
                return task.tid() == 102 ? Optional.of(origin) : Optional.empty();
            }
        };

        SpillReport traced = SpillReport.of(snapshot, SpillOptions.defaults().withOrigins(source));
        SpillReport untraced = SpillReport.of(snapshot, SpillOptions.defaults().withOrigins(OriginSource.none()));

        assertThat(traced.trace()).contains(new TraceStatus(true, "a test's trace"));
        assertThat(traced.strayTasks()).singleElement().satisfies(spilled -> assertThat(spilled.origin()).contains(origin));
        assertThat(asked).containsExactly(Map.of("net", FOREIGN_NET, "uts", FOREIGN_UTS));
        assertThat(untraced.trace()).isEmpty();
        assertThat(untraced.strayTasks()).singleElement().satisfies(spilled -> assertThat(spilled.origin()).isEmpty());
        // A fixture is no snapshot of this JVM: by default nobody is asked for origins.
        assertThat(SpillReport.of(snapshot).trace()).isEmpty();
    }
}
