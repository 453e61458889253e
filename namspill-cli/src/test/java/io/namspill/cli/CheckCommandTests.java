package io.namspill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.testing.Privileges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code namspill check}: real processes, real namespaces, read from outside. */
class CheckCommandTests {

    @TempDir
    Path dir;

    @Test
    void aCThreadThatUnsharedIsNamedByTidAndTaskNameWithExitStatus1() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (Target target = Target.spiller(dir)) {
            long pid = target.pid();
            String uts = Files.readSymbolicLink(Path.of("/proc/" + target.spilledTid() + "/ns/uts")).toString();

            Cli.Run run = Cli.run("check", Long.toString(pid)).withoutStackTrace();

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.out()).contains(
                    "1 of 2 tasks of pid " + pid + " is attached to other namespaces than the thread-group leader",
                    "- task " + target.spilledTid() + " \"c-spiller\", no Java thread known",
                    "    uts: " + uts.replaceAll("\\D", "") + " (reference ",
                    "Java threads not named: not a JVM (no libjvm.so");
            assertThat(run.out()).doesNotContain("the leader itself may be the one that moved");
        }
    }

    @Test
    void aLeaderThatMovedAwayFromItsThreadsIsSaidToBeTheOneThatMayHaveMoved() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (Target target = Target.spiller(dir, "leader")) {
            Cli.Run run = Cli.run("check", Long.toString(target.pid())).withoutStackTrace();

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.out()).contains("3 of 4 tasks of pid " + target.pid(),
                    "note: 3 of 4 tasks differ from the thread-group leader (tid " + target.pid()
                            + "): the leader itself may be the one that moved");
        }
    }

    @Test
    void aJavaThreadWithAJavaNameLongerThanItsTaskNameIsNamedByTheJvm() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (Target jvm = TargetJvm.start()) {
            Cli.Run run = Cli.run("check", Long.toString(jvm.pid())).withoutStackTrace();

            assertThat(run.status()).isEqualTo(1);
            // The task name holds 15 bytes of it at most: the whole name can only come from the JVM.
            assertThat(run.out()).contains("- task " + jvm.spilledTid() + " \"" + LeakyJvm.THREAD_NAME.substring(0, 15)
                    + "\", Java thread \"" + LeakyJvm.THREAD_NAME + "\" (id ", "named by thread-dump)",
                    "Java threads named by the JVM's thread dump (attach mechanism, nid = tid): 1 of 1 spilled tasks");
        }
    }

    @Test
    void aJvmInAContainersPidNamespaceIsNamedFromTheNodeByItsPidThere() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (Target container = TargetJvm.startInPidNamespace()) {
            long jvm = Long.parseLong(Files.readString(Path.of("/proc/" + container.pid() + "/task/" + container.pid()
                    + "/children")).strip());

            Cli.Run run = Cli.run("check", Long.toString(jvm)).withoutStackTrace();

            assertThat(run.status()).isEqualTo(1);
            // The dump numbers threads as the container sees them, the report as the node does.
            assertThat(run.out()).contains("\", Java thread \"" + LeakyJvm.THREAD_NAME + "\" (id ",
                    "named by the JVM's thread dump (attach mechanism, nid = tid): 1 of 1 spilled tasks");
            assertThat(run.out()).doesNotContain("- task " + container.spilledTid() + " ");
        }
    }

    @Test
    void aJvmThatRefusesTheAttachMechanismIsReportedByTidAndTaskNameSayingWhy() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (Target jvm = TargetJvm.start("-XX:+DisableAttachMechanism")) {
            Cli.Run run = Cli.run("check", Long.toString(jvm.pid())).withoutStackTrace();

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.out()).contains("- task " + jvm.spilledTid() + " \"" + LeakyJvm.THREAD_NAME.substring(0, 15)
                    + "\", no Java thread known", "Java threads not named: the JVM could not be asked");
            assertThat(run.out()).doesNotContain(LeakyJvm.THREAD_NAME);
        }
    }

    @Test
    void theGoOriginalsBugIsFoundOnARuntimeThread() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        org.junit.jupiter.api.Assumptions.assumeTrue(Programs.onPath("go").isPresent(),
                "no Go toolchain on the PATH (apt-get install golang-go): the Go original's bug cannot be built");
        try (Target target = Target.start(List.of(Programs.go("goleak", dir).toString()))) {
            Cli.Run run = Cli.run("check", Long.toString(target.pid())).withoutStackTrace();

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.out()).contains("- task " + target.spilledTid() + " \"goleak\"", "    uts: ");
            assertThat(run.out()).doesNotContain("- task " + target.pid() + " ");
        }
    }

    @Test
    void aUniformProcessGivesExitStatus0() throws Exception {
        try (Target target = Target.start(List.of("sh", "-c", "echo ready; exec sleep 600"))) {
            Cli.Run run = Cli.run("check", Long.toString(target.pid())).withoutStackTrace();

            assertThat(run.status()).isZero();
            assertThat(run.out()).contains("all 1 tasks of pid " + target.pid() + " share the namespaces of the thread-group leader");
            assertThat(run.err()).isEmpty();
        }
    }

    @Test
    void aPidThatDoesNotExistGivesExitStatus2NamingPidAndErrno() {
        long pid = Integer.MAX_VALUE; // above any pid_max

        Cli.Run run = Cli.run("check", Long.toString(pid)).withoutStackTrace();

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("namspill: pid " + pid + ": no such process").contains("ENOENT");
    }

    @Test
    void anUnreadableProcessAmongOthersGivesExitStatus2AndTheOthersAreStillReported() throws Exception {
        try (Target target = Target.start(List.of("sh", "-c", "echo ready; exec sleep 600"))) {
            Cli.Run run = Cli.run("check", Long.toString(target.pid()), Long.toString(Integer.MAX_VALUE)).withoutStackTrace();

            assertThat(run.status()).isEqualTo(2);
            assertThat(run.out()).contains("tasks of pid " + target.pid() + " share the namespaces");
            assertThat(run.err()).contains("pid " + Integer.MAX_VALUE + ": no such process");
        }
    }

    @Test
    void aProcessThatEndsBeforeOrWhileItIsReadIsNoSuchProcessNeverAFailure() throws Exception {
        int gone = 0;
        for (int i = 0; i < 20; i++) {
            Process shortLived = new ProcessBuilder("true").start();
            Cli.Run run = Cli.run("check", Long.toString(shortLived.pid())).withoutStackTrace();
            shortLived.waitFor();

            assertThat(run.status()).as(run.toString()).isIn(0, 2);
            if (run.status() == 2) {
                gone++;
                assertThat(run.err()).as(run.toString()).contains("no such process").containsAnyOf("ENOENT", "ESRCH",
                        "No such process");
            }
        }
        assertThat(gone).as("processes found gone").isPositive();
    }
}
