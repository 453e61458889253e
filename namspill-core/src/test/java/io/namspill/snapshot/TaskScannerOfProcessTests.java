package io.namspill.snapshot;

import static io.namspill.internal.linux.LinuxAbi.CLONE_NEWUTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.namspill.report.SpillOptions;
import io.namspill.report.SpillReport;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link TaskScanner#ofProcess} reads a process from outside, its leader as the reference. */
class TaskScannerOfProcessTests {

    @Test
    void anotherProcessIsReadWithItsOwnLeaderAsTheReference() throws IOException, InterruptedException {
        Process child = new ProcessBuilder("sleep", "600").start();
        try {
            TaskSnapshot snapshot = TaskScanner.ofProcess(child.pid()).scan();

            assertThat(snapshot.isSupported()).as(snapshot.unsupportedReason().orElse("")).isTrue();
            assertThat(snapshot.pid()).isEqualTo(child.pid());
            assertThat(snapshot.isOfCurrentProcess()).isFalse();
            assertThat(snapshot.tasks()).singleElement().satisfies(task -> {
                assertThat(task.tid()).isEqualTo((int) child.pid());
                assertThat(task.isLeader()).isTrue();
            });
            assertThat(SpillReport.of(snapshot).isUniform()).isTrue();
        }
        finally {
            child.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        }
    }

    @Test
    void aSpilledTaskOfTheProcessReadFromOutsideIsFoundAsInProcess() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leaky = SpillingThread.unsharing("ofprocess-leak", CLONE_NEWUTS).parked()) {
            TaskSnapshot snapshot = TaskScanner.ofProcess(ProcessHandle.current().pid()).scan();
            SpillReport report = SpillReport.of(snapshot, SpillOptions.defaults());

            assertThat(report.strayTasks()).anySatisfy(spilled -> {
                assertThat(spilled.task().tid()).isEqualTo(leaky.tid());
                assertThat(spilled.differences()).containsOnlyKeys("uts");
            });
        }
    }

    @Test
    void aProcessThatDoesNotExistGivesAnUnsupportedSnapshotNamingPidAndErrno() {
        long pid = Integer.MAX_VALUE; // above any pid_max the kernel allows (4194304)

        TaskSnapshot snapshot = TaskScanner.ofProcess(pid).scan();

        assertThat(snapshot.isSupported()).isFalse();
        assertThat(snapshot.unsupportedReason()).get().asString().contains("pid " + pid, "ENOENT");
    }

    @Test
    void aTidThatIsNoProcessIsRefusedNamingItsProcess() throws InterruptedException {
        try (SpillingThread other = SpillingThread.start("ofprocess-thread", () -> { }).parked()) {
            long pid = ProcessHandle.current().pid();

            TaskSnapshot snapshot = TaskScanner.ofProcess(other.tid()).scan();

            assertThat(snapshot.isSupported()).isFalse();
            assertThat(snapshot.unsupportedReason()).get().asString()
                    .contains("pid " + other.tid() + " is a thread of process " + pid);
        }
    }

    @Test
    void aPidOutOfRangeIsRefusedNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> TaskScanner.ofProcess(0)).withMessageContaining("0");
    }
}
