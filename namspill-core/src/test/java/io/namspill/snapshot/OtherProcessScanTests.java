package io.namspill.snapshot;

import static io.namspill.internal.linux.LinuxAbi.CLONE_NEWUTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.namspill.internal.linux.LinuxNative;
import io.namspill.report.SpillReport;
import io.namspill.testing.ForeignNamespaces;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import org.junit.jupiter.api.Test;

/** {@link TaskScanner#ofProcess(long)}: another process read from outside, against its own leader. */
class OtherProcessScanTests {

    @Test
    void readsAnotherProcessAgainstItsOwnLeader() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (ForeignNamespaces other = ForeignNamespaces.start("--uts")) {
            TaskSnapshot snapshot = TaskScanner.ofProcess(other.pid()).scan();

            assertThat(snapshot.isSupported()).as("%s", snapshot).isTrue();
            assertThat(snapshot.pid()).isEqualTo(other.pid());
            assertThat(snapshot.isOfCurrentProcess()).isFalse();
            assertThat(snapshot.tasks()).extracting(Task::tid).containsExactly((int) other.pid());
            long reference = snapshot.leader().orElseThrow().namespace("uts").orElseThrow();
            assertThat(reference).isEqualTo(other.inode("uts")).isNotEqualTo(NamespaceLinks.ofLeader("uts"));
            // In another namespace than this JVM, but uniform against its own leader.
            assertThat(SpillReport.of(snapshot).isUniform()).isTrue();
        }
    }

    @Test
    void aProcessThatDoesNotExistIsUnsupportedWithItsPidAndTheErrno() {
        long absent = Integer.MAX_VALUE; // above the kernel's PID_MAX_LIMIT (2^22): no process can have it

        TaskSnapshot snapshot = TaskScanner.ofProcess(absent).scan();

        assertThat(snapshot.isSupported()).as("%s", snapshot).isFalse();
        assertThat(snapshot.unsupportedReason()).contains("no such process: pid " + absent
                + " is gone (ENOENT): cannot read /proc/" + absent + "/task: No such file or directory (ENOENT)");
    }

    @Test
    void thisJvmsOwnPidReadsThisJvm() {
        TaskSnapshot snapshot = TaskScanner.ofProcess(ProcessHandle.current().pid()).scan();

        assertThat(snapshot.isSupported()).as("%s", snapshot).isTrue();
        assertThat(snapshot.isOfCurrentProcess()).isTrue();
        assertThat(snapshot.tasks()).extracting(Task::tid).contains(LinuxNative.gettid());
    }

    @Test
    void aSpilledTaskReadFromOutsideIsFoundAsInProcess() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leaky = SpillingThread.unsharing("ofprocess-leak", CLONE_NEWUTS).parked()) {
            // this JVM's pid, but through /proc/<pid> like any other process
            TaskSnapshot snapshot = TaskScanner.ofProcess(ProcessHandle.current().pid()).scan();

            assertThat(SpillReport.of(snapshot).strayTasks()).anySatisfy(spilled -> {
                assertThat(spilled.task().tid()).isEqualTo(leaky.tid());
                assertThat(spilled.differences()).containsOnlyKeys("uts");
            });
        }
    }

    @Test
    void aThreadThatIsNoProcessIsRefusedNamingItsProcess() {
        try (SpillingThread other = SpillingThread.start("ofprocess-thread", () -> { }).parked()) {
            TaskSnapshot snapshot = TaskScanner.ofProcess(other.tid()).scan();

            assertThat(snapshot.isSupported()).isFalse();
            assertThat(snapshot.unsupportedReason()).contains(
                    "pid " + other.tid() + " is a thread of process " + ProcessHandle.current().pid() + ", not a process");
        }
    }

    @Test
    void aPidOutOfRangeIsRefusedNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> TaskScanner.ofProcess(0))
                .withMessage("not a process id: 0");
    }
}
