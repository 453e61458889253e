package io.namspill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The command line itself: help, version, completion, wrong input. */
class CommandLineTests {

    @Test
    void helpNamesEveryCommandAndTheExitStatus() {
        assertThat(Cli.run("--help").outOfSuccess())
                .contains("Usage: namspill", "check", "ps", "generate-completion", "Exit status:", "0   every task uniform");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "check --version", "ps --version", "attach -V"})
    void everyCommandNamesTheProjectVersionAndTheJava(String commandLine) {
        assertThat(Cli.run(commandLine.split(" ")).outOfSuccess())
                .containsPattern("namspill \\d+\\.\\d+\\.\\d+").contains("Java " + Runtime.version());
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "ps", "attach"})
    void everySubcommandHasItsOwnHelp(String command) {
        assertThat(Cli.run(command, "--help").outOfSuccess())
                .contains("Usage: namspill " + command + " [-hV]", "-V, --version", "Exit status:");
    }

    @Test
    void generateCompletionPrintsABashCompletionScriptForEveryCommand() {
        assertThat(Cli.run("generate-completion").outOfSuccess())
                .contains("complete -F _complete_namspill", "check", "ps", "--json", "--all");
    }

    @Test
    void aPidThatIsNoNumberIsAUsageErrorNamingIt() {
        Cli.Run run = Cli.run("check", "12x").withoutStackTrace();

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("'12x'", "PID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "check --json", "attach", "attach --trace"})
    void aCommandWithoutItsPidIsAUsageErrorNamingIt(String commandLine) {
        Cli.Run run = Cli.run(commandLine.split(" ")).withoutStackTrace();

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Missing required parameter: 'PID'", "Usage: namspill " + commandLine.split(" ")[0]);
    }

    @Test
    void aCommandThatFailsPrintsOneLineNamingTheFailureAndExits2() {
        // Through the execution strategy every command runs under; a failing version provider
        // reaches it wrapped in picocli's ExecutionException.
        CommandSpec failing = NamspillCommand.command("failing", (parsed, out, err) -> {
            throw new IOException("/proc/42/task: Permission denied");
        }, "fails");
        failing.versionProvider(() -> {
            throw new IllegalStateException("no version.properties");
        });
        assertThat(runFailing(failing)).isEqualTo("namspill: /proc/42/task: Permission denied" + System.lineSeparator());
        assertThat(runFailing(failing, "--version")).isEqualTo("namspill: no version.properties" + System.lineSeparator());
    }

    /** Standard error of {@code spec} run with {@code args}, once it has exited with status 2. */
    private static String runFailing(CommandSpec spec, String... args) {
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(spec).setErr(new PrintWriter(err, true))
                .setExecutionStrategy(NamspillCommand::execute);

        assertThat(line.execute(args)).as(err.toString()).isEqualTo(2);
        return err.toString();
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

    @Test
    void picocliIsCompiledForJava17SoThatTheLaunchersArchiveHoldsIt() throws IOException {
        // Class-data sharing skips class files older than Java 6, as picocli's own jar ships them.
        try (InputStream in = Objects.requireNonNull(CommandLine.class.getResourceAsStream("CommandLine.class"))) {
            DataInputStream classFile = new DataInputStream(in);
            classFile.readInt(); // magic
            classFile.readUnsignedShort(); // minor version

            assertThat(classFile.readUnsignedShort()).as("class file major version").isEqualTo(61);
        }
    }
}
