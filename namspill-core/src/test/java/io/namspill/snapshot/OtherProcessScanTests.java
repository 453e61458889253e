package io.namspill.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.internal.linux.LinuxNative;
import io.namspill.report.SpillReport;
import io.namspill.testing.ForeignNamespaces;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.Privileges;
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
        assertThat(snapshot.unsupportedReason()).contains(
                "cannot read /proc/" + absent + "/task: No such file or directory (ENOENT)");
    }

    @Test
    void thisJvmsOwnPidReadsThisJvm() {
        TaskSnapshot snapshot = TaskScanner.ofProcess(ProcessHandle.current().pid()).scan();

        assertThat(snapshot.isSupported()).as("%s", snapshot).isTrue();
        assertThat(snapshot.isOfCurrentProcess()).isTrue();
        assertThat(snapshot.tasks()).extracting(Task::tid).contains(LinuxNative.gettid());
    }
}
