package io.namspill.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.internal.linux.LinuxNative;
import io.namspill.report.SpillReport;
import io.namspill.testing.FixtureProcfs;
import io.namspill.testing.Privileges;
import io.namspill.testing.TaskExits;
import io.namspill.testing.ThreadCapabilities;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixture trees with directories the scanner may not read (mode 000), scanned by a thread that
 * dropped {@code CAP_DAC_OVERRIDE} and {@code CAP_DAC_READ_SEARCH}, so that root's thread gets
 * the kernel's real EACCES: clear results, no exception, never a false spill.
 */
class UnreadableProcfsTests {

    private static final String NONE = "---------";

    @TempDir
    Path root;

    @Test
    void anUnreadableTaskDirectoryIsKeptWithEveryTypeUnknownAndNeverSpilled() throws Exception {
        FixtureProcfs procfs = FixtureProcfs.create(root, 100).task(100, "java", FixtureProcfs.HOST)
                .task(101, "locked", FixtureProcfs.hostWith(Map.of("net", 4026532200L)))
                .task(102, "locked-ns", FixtureProcfs.hostWith(Map.of("uts", 4026532201L)));
        chmod(procfs.taskDir(101), NONE);
        chmod(procfs.taskDir(102).resolve("ns"), NONE);

        SpillReport report = SpillReport.of(scanWithoutDacOverride(procfs));

        assertThat(report.isSupported()).as(report::render).isTrue();
        assertThat(report.snapshot().tasks()).extracting(Task::tid).containsExactly(100, 101, 102);
        assertThat(report.snapshot().tasks().get(1).unknownTypes()).containsExactlyElementsOf(report.snapshot().types());
        assertThat(report.snapshot().tasks().get(2).unknownTypes()).containsExactlyElementsOf(report.snapshot().types());
        assertThat(report.snapshot().tasks().get(2).name()).contains("locked-ns");
        assertThat(report.isUniform()).as(report::render).isTrue();
        System.out.println("hostile procfs: unreadable task directories (real EACCES) -> " + report.snapshot().tasks().size()
                + " tasks, types unknown for 2, 0 spills");
    }

    @Test
    void anUnreadableTaskListGivesAnUnsupportedSnapshotWithTheReason() throws Exception {
        FixtureProcfs procfs = FixtureProcfs.create(root, 100).task(100, "java", FixtureProcfs.HOST);
        chmod(procfs.taskDir(100).getParent(), NONE);

        TaskSnapshot snapshot = scanWithoutDacOverride(procfs);

        assertThat(snapshot.isSupported()).isFalse();
        assertThat(snapshot.unsupportedReason()).get().asString().contains("no per-task procfs", "is not readable");
    }

    @Test
    void unreadableNamespaceLinksOfTheLeaderGiveAnUnsupportedSnapshotWithTheReason() throws Exception {
        FixtureProcfs procfs = FixtureProcfs.create(root, 100).task(100, "java", FixtureProcfs.HOST)
                .task(101, "worker", FixtureProcfs.HOST);
        chmod(procfs.taskDir(100).resolve("ns"), NONE);

        TaskSnapshot snapshot = scanWithoutDacOverride(procfs);

        assertThat(snapshot.isSupported()).isFalse();
        assertThat(snapshot.unsupportedReason()).get().asString().contains("no per-task namespace links", "is not readable");
    }

    /** Scans on a thread of its own that lost root's right to read what its mode forbids; the thread ends afterwards. */
    private static TaskSnapshot scanWithoutDacOverride(FixtureProcfs procfs) throws Exception {
        Privileges.assumeCanCreateNamespaces(); // root, or a user namespace's root: the capabilities to drop
        AtomicReference<Object> outcome = new AtomicReference<>();
        AtomicInteger tid = new AtomicInteger();
        Thread scanner = new Thread(() -> {
            tid.set(LinuxNative.gettid());
            try {
                ThreadCapabilities.dropEffective(ThreadCapabilities.CAP_DAC_OVERRIDE, ThreadCapabilities.CAP_DAC_READ_SEARCH);
                outcome.set(new TaskScanner(procfs.root()).scan());
            }
            catch (Throwable e) {
                outcome.set(e);
            }
        }, "unprivileged-scanner");
        scanner.start();
        scanner.join();
        TaskExits.await(tid.get());
        assertThat(outcome.get()).as("the scan's outcome").isInstanceOf(TaskSnapshot.class);
        return (TaskSnapshot) outcome.get();
    }

    private static void chmod(Path path, String permissions) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }
}
