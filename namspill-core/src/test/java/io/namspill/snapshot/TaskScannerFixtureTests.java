package io.namspill.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.report.NamespaceDifference;
import io.namspill.report.SpillReport;
import io.namspill.testing.FixtureProcfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing edge cases of procfs, on fixture trees; real namespaces are proven elsewhere. */
class TaskScannerFixtureTests {

    @TempDir
    Path root;

    @Test
    void readsEveryTaskWithTidLeaderNameStartTimeAndEveryLinkByItsFileName() {
        FixtureProcfs procfs = FixtureProcfs.create(root, 100)
                .task(100, "java", FixtureProcfs.HOST)
                .task(101, "worker", FixtureProcfs.hostWith(Map.of("pid_for_children", 4026532999L)));

        TaskSnapshot snapshot = new TaskScanner(procfs.root()).scan();

        assertThat(snapshot.isSupported()).isTrue();
        assertThat(snapshot.pid()).isEqualTo(100);
        assertThat(snapshot.tasks()).extracting(Task::tid).containsExactly(100, 101);
        Task worker = snapshot.tasks().get(1);
        assertThat(worker.isLeader()).isFalse();
        assertThat(snapshot.tasks().get(0).isLeader()).isTrue();
        assertThat(worker.name()).contains("worker");
        assertThat(worker.id()).isEqualTo(new TaskId(101, 1101));
        // pid_for_children is its own type: it never overwrites pid
        assertThat(worker.namespace("pid")).hasValue(4026531836L);
        assertThat(worker.namespace("pid_for_children")).hasValue(4026532999L);
        assertThat(snapshot.types()).containsExactly("cgroup", "ipc", "mnt", "net", "pid", "pid_for_children", "time",
                "time_for_children", "user", "uts");
        assertThat(snapshot.isOfCurrentProcess()).isFalse();
    }

    @Test
    void aTaskThatVanishedWhileBeingReadIsSkippedWithoutError() {
        FixtureProcfs procfs = FixtureProcfs.create(root, 100)
                .task(100, "java", FixtureProcfs.HOST)
                .vanishedTask(102);

        TaskSnapshot snapshot = new TaskScanner(procfs.root()).scan();

        assertThat(snapshot.isSupported()).isTrue();
        assertThat(snapshot.tasks()).extracting(Task::tid).containsExactly(100);
    }

    @Test
    void anUnreadableLinkOfALiveTaskIsUnknownAndDoesNotMakeItSpilled() {
        FixtureProcfs procfs = FixtureProcfs.create(root, 100)
                .task(100, "java", FixtureProcfs.HOST)
                .task(101, "worker", FixtureProcfs.hostWith(Map.of("pid_for_children", 4026532999L)))
                .unreadableLink(101, "pid_for_children");

        TaskSnapshot snapshot = new TaskScanner(procfs.root()).scan();

        Task worker = snapshot.tasks().get(1);
        assertThat(worker.namespace("pid_for_children")).isEmpty();
        assertThat(worker.unknownTypes()).containsExactly("pid_for_children");
        assertThat(SpillReport.of(snapshot).isUniform()).isTrue();
    }

    @Test
    void aTypeTheLibraryDoesNotKnowIsReadAndComparedLikeTheOthers() {
        FixtureProcfs procfs = FixtureProcfs.create(root, 100)
                .task(100, "java", FixtureProcfs.hostWith(Map.of("future_ns", 4026539000L)))
                .task(101, "worker", FixtureProcfs.hostWith(Map.of("future_ns", 4026539001L)));

        SpillReport report = SpillReport.of(new TaskScanner(procfs.root()).scan());

        assertThat(report.snapshot().types()).contains("future_ns");
        assertThat(report.strayTasks()).singleElement()
                .satisfies(spilled -> assertThat(spilled.differences())
                        .containsExactly(Map.entry("future_ns", new NamespaceDifference(4026539001L, 4026539000L))));
    }

    @Test
    void aMalformedLinkTextGivesAnUnsupportedSnapshotNamingThePathAndTextNeverUniform() {
        FixtureProcfs procfs = FixtureProcfs.create(root, 100)
                .task(100, "java", FixtureProcfs.HOST)
                .taskWithLinkTexts(101, "worker", Map.of("net", "net:[banana]"));

        TaskSnapshot snapshot = new TaskScanner(procfs.root()).scan();

        assertThat(snapshot.isSupported()).isFalse();
        assertThat(snapshot.unsupportedReason()).get().asString()
                .contains("malformed namespace link", "101/ns/net", "net:[banana]");
        assertThat(SpillReport.of(snapshot).isUniform()).isFalse();
    }

    @Test
    void aMissingLeaderGivesAnUnsupportedSnapshotNeverUniform() {
        FixtureProcfs procfs = FixtureProcfs.create(root, 100)
                .task(101, "worker", FixtureProcfs.HOST);

        TaskSnapshot snapshot = new TaskScanner(procfs.root()).scan();

        assertThat(snapshot.isSupported()).isFalse();
        assertThat(snapshot.unsupportedReason()).get().asString().contains("leader 100 is missing");
        assertThat(SpillReport.of(snapshot).isUniform()).isFalse();
    }

    @Test
    void noProcfsAtAllGivesAnUnsupportedSnapshotWithTheReason() {
        TaskSnapshot snapshot = new TaskScanner(root.resolve("no-proc-here")).scan();

        assertThat(snapshot.isSupported()).isFalse();
        assertThat(snapshot.tasks()).isEmpty();
        assertThat(snapshot.unsupportedReason()).get().asString().contains("no procfs at");
    }

    @Test
    void aProcfsWithoutNamespaceLinksIsUnsupported() throws IOException {
        FixtureProcfs procfs = FixtureProcfs.create(root, 100);
        Files.createDirectories(procfs.taskDir(100));

        TaskSnapshot snapshot = new TaskScanner(procfs.root()).scan();

        assertThat(snapshot.isSupported()).isFalse();
        assertThat(snapshot.unsupportedReason()).get().asString().contains("no per-task namespace links");
    }

    @Test
    void nonTaskEntriesInTheTaskDirectoryAreIgnored() throws IOException {
        FixtureProcfs procfs = FixtureProcfs.create(root, 100).task(100, "java", FixtureProcfs.HOST);
        Files.createDirectories(procfs.taskDir(100).resolveSibling("not-a-tid"));

        TaskSnapshot snapshot = new TaskScanner(procfs.root()).scan();

        assertThat(snapshot.tasks()).extracting(Task::tid).containsExactly(100);
    }
}
