package io.namspill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import io.namspill.testing.Privileges;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AttachCommandTests {

    @Test
    void attachLoadsTheAgentIntoAJvmWithoutNamspillAndExitsZeroOnceItRuns() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (Target jvm = TargetJvm.start()) {
            Cli.Run run = Cli.run("attach", Long.toString(jvm.pid())).withoutStackTrace();

            assertThat(run.status()).as(run.toString()).isZero();
            assertThat(run.out()).startsWith("namspill: pid " + jvm.pid() + ": running");
            assertThat(agentStatusOf(jvm)).startsWith("running");
        }
    }

    @Test
    void attachingTwiceIsHarmlessAndTraceStartsTheOriginTrace() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (Target jvm = TargetJvm.start()) {
            assertThat(Cli.run("attach", Long.toString(jvm.pid())).status()).isZero();

            Cli.Run again = Cli.run("attach", "--trace", Long.toString(jvm.pid())).withoutStackTrace();

            assertThat(again.status()).as(again.toString()).isZero();
            assertThat(again.out()).startsWith("namspill: pid " + jvm.pid() + ": running").contains("; trace active");
        }
    }

    @Test
    void aProcessThatIsNoJvmIsNeverSignalledAndGivesExitStatus2() throws Exception {
        try (Target sleeper = Target.start(List.of("sh", "-c", "echo ready; exec sleep 600"))) {
            Cli.Run run = Cli.run("attach", Long.toString(sleeper.pid())).withoutStackTrace();

            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err()).startsWith("namspill: pid " + sleeper.pid() + ": not a JVM");
            assertThat(ProcessHandle.of(sleeper.pid())).get().matches(ProcessHandle::isAlive, "alive: no SIGQUIT reached it");
        }
    }

    @Test
    void aJvmThatDoesNotCatchSigquitIsNeverSignalled() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (Target jvm = TargetJvm.start("-Xrs")) {
            Cli.Run run = Cli.run("attach", Long.toString(jvm.pid())).withoutStackTrace();

            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err()).contains("does not catch SIGQUIT");
            assertThat(ProcessHandle.of(jvm.pid())).get().matches(ProcessHandle::isAlive, "alive: no SIGQUIT reached it");
        }
    }

    @Test
    void aPidThatDoesNotExistGivesExitStatus2NamingIt() {
        long pid = Integer.MAX_VALUE;

        Cli.Run run = Cli.run("attach", Long.toString(pid)).withoutStackTrace();

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("namspill: pid " + pid + ": ").contains("/proc/" + pid);
    }

    /** What the agent says of itself in the target, read through the attach mechanism. */
    private static String agentStatusOf(Target jvm) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(jvm.pid()));
        try {
            Properties properties = vm.getSystemProperties();
            return properties.getProperty("io.namspill.agent.status", "");
        }
        finally {
            vm.detach();
        }
    }
}
