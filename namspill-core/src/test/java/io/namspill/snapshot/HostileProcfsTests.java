package io.namspill.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.namspill.Namspill;
import io.namspill.internal.jvm.HotSpotThreadCorrelator;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.report.SpillOptions;
import io.namspill.report.SpillReport;
import io.namspill.testing.FixtureProcfs;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A procfs that lies, races or overflows gives clear results; nothing escapes to the caller. */
class HostileProcfsTests {

    @TempDir
    Path root;

    @Test
    void aTaskListOfOneHundredThousandEntriesIsReadWithoutErrorAndKeepsOnlyRealTasks() throws IOException {
        FixtureProcfs procfs = FixtureProcfs.create(root, 100).task(100, "java", FixtureProcfs.HOST)
                .task(101, "worker", FixtureProcfs.HOST);
        Path taskDir = procfs.taskDir(100).getParent();
        for (int tid = 200; tid < 100_200; tid++) {
            Files.createSymbolicLink(taskDir.resolve(Integer.toString(tid)), Path.of("/nonexistent/" + tid));
        }

        TaskSnapshot snapshot = new TaskScanner(procfs.root()).scan();

        // What the snapshot keeps is bounded by the live tasks, not by what the listing claimed.
        System.out.printf("hostile procfs: 100,002 task entries listed, %d real tasks kept%n", snapshot.tasks().size());
        assertThat(snapshot.isSupported()).isTrue();
        assertThat(snapshot.tasks()).extracting(Task::tid).containsExactly(100, 101);
    }

    @Test
    void linksThatChangeBetweenReadsGiveOneOfTheirValuesNeverAnError() throws Exception {
        FixtureProcfs procfs = FixtureProcfs.create(root, 100).task(100, "java", FixtureProcfs.HOST)
                .task(101, "flapper", FixtureProcfs.HOST);
        Path link = procfs.taskDir(101).resolve("ns").resolve("net");
        Path staged = procfs.taskDir(101).resolve("net.next");
        AtomicBoolean running = new AtomicBoolean(true);
        Thread flipper = new Thread(() -> {
            long[] values = { 4026531840L, 4026532200L };
            for (int i = 0; running.get(); i++) {
                try {
                    Files.deleteIfExists(staged);
                    Files.createSymbolicLink(staged, Path.of("net:[" + values[i % 2] + "]"));
                    Files.move(staged, link, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
                catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }, "link-flipper");
        flipper.start();
        Set<Boolean> uniformity = new HashSet<>();
        try {
            for (int i = 0; i < 200; i++) {
                TaskSnapshot snapshot = new TaskScanner(procfs.root()).scan();
                assertThat(snapshot.isSupported()).as(snapshot::toString).isTrue();
                assertThat(snapshot.tasks().get(1).namespace("net").getAsLong()).isIn(4026531840L, 4026532200L);
                uniformity.add(SpillReport.of(snapshot).isUniform());
            }
        }
        finally {
            running.set(false);
            flipper.join();
        }
        System.out.println("hostile procfs: 200 scans of a flapping link, outcomes seen (uniform?): " + uniformity);
    }

    @Test
    void garbageLinkTextsOfEveryKindGiveAnUnsupportedSnapshotWithTheReason() {
        String[] garbage = { "", "net", "net:[]", "net:[-1]", "net:[0]", "net:[12a]", "net:[99999999999999999999999]",
                ":[4026531840]", "net:4026531840", "net:[4026531840" };
        for (int i = 0; i < garbage.length; i++) {
            Path tree = root.resolve("g" + i);
            FixtureProcfs procfs = FixtureProcfs.create(tree, 100).task(100, "java", FixtureProcfs.HOST);
            if (garbage[i].isEmpty()) {
                procfs.task(101, "worker", Map.of()).unreadableLink(101, "net"); // an empty link: unknown
                assertThat(new TaskScanner(tree).scan().isSupported()).isTrue();
                continue;
            }
            procfs.taskWithLinkTexts(101, "worker", Map.of("net", garbage[i]));

            TaskSnapshot snapshot = new TaskScanner(tree).scan();

            assertThat(snapshot.isSupported()).as(garbage[i]).isFalse();
            assertThat(snapshot.unsupportedReason()).get().asString().contains("malformed namespace link", garbage[i]);
        }
    }

    @Test
    void aTaskEntryThatIsNoDirectoryIsSkipped() throws IOException {
        FixtureProcfs procfs = FixtureProcfs.create(root, 100).task(100, "java", FixtureProcfs.HOST);
        Files.writeString(procfs.taskDir(100).resolveSibling("4242"), "not a directory");

        assertThat(new TaskScanner(procfs.root()).scan().tasks()).extracting(Task::tid).containsExactly(100);
    }

    @Test
    void aLeaderWithoutReadableLinksMakesTheSnapshotUnsupportedOrUnknownNeverAFalseSpill() {
        FixtureProcfs procfs = FixtureProcfs.create(root, 100).task(100, "java", FixtureProcfs.HOST)
                .task(101, "worker", FixtureProcfs.hostWith(Map.of("net", 4026532200L)))
                .unreadableLink(100, "net");

        SpillReport report = SpillReport.of(new TaskScanner(procfs.root()).scan());

        assertThat(report.isSupported()).isTrue();
        assertThat(report.reference()).doesNotContainKey("net");
        assertThatCode(report::render).doesNotThrowAnyException();
    }

    @Test
    void onAJvmWhereThreadCorrelationIsImpossibleReportsStillNameTidAndTaskName() {
        Privileges.assumeCanCreateNamespaces();
        HotSpotThreadCorrelator noDumps = new HotSpotThreadCorrelator(() -> null);
        try (SpillingThread leaky = SpillingThread.unsharing("no-dump-leak", LinuxAbi.CLONE_NEWUTS)) {
            SpillReport report = SpillReport.of(Namspill.tasks(), SpillOptions.defaults().withCorrelator(noDumps));

            assertThat(report.strayTasks()).singleElement().satisfies(spilled -> {
                assertThat(spilled.task().tid()).isEqualTo(leaky.tid());
                assertThat(spilled.thread()).isEmpty();
            });
            assertThat(report.render()).contains("task " + leaky.tid() + " \"no-dump-leak\", no Java thread known", "uts: ");
        }
    }
}
