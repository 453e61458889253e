package io.namspill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command line itself: help, version, completion, wrong input. */
class CommandLineTests {

    @Test
    void helpNamesEveryCommandAndTheExitStatus() {
        Cli.Run run = Cli.run("--help");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Usage: namspill", "check", "ps", "generate-completion", "Exit status: 0");
    }

    @Test
    void versionNamesTheProjectVersionAndTheJava() {
        Cli.Run run = Cli.run("--version");

        assertThat(run.status()).isZero();
        assertThat(run.out()).containsPattern("namspill \\d+\\.\\d+\\.\\d+").contains("Java " + Runtime.version());
    }

    @Test
    void generateCompletionPrintsABashCompletionScriptForEveryCommand() {
        Cli.Run run = Cli.run("generate-completion");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("complete -F _complete_namspill", "check", "ps", "--json", "--all");
    }

    @Test
    void aPidThatIsNoNumberIsAUsageErrorNamingIt() {
        Cli.Run run = Cli.run("check", "12x").withoutStackTrace();

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("'12x'", "PID");
    }

    @Test
    void aPidBelowOneIsRefusedNamingIt() {
        Cli.Run run = Cli.run("check", "0").withoutStackTrace();

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("namspill: pid 0: not a process id: 0" + System.lineSeparator());
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Run run = Cli.run();

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Missing command", "Usage: namspill");
    }
}
