package io.namspill.cli;

import io.namspill.agent.Attach;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/** {@code namspill attach PID [--trace]}: loads the namspill agent into a running JVM. */
final class AttachCommand {

    /** The command's name on the command line. */
    static final String NAME = "attach";

    private static final String TRACE = "--trace";

    private AttachCommand() {
    }

    /** The command's model, for {@link NamspillCommand}. */
    static CommandSpec spec() {
        return NamspillCommand.command(NAME, AttachCommand::run,
                        "Loads the namspill agent into a running JVM (the attach mechanism: the same user, or root): it "
                                + "then checks the JVM's tasks periodically, logs every new leak, and serves the MBean "
                                + "io.namspill:type=Namspill. Loading it where it runs already is harmless; where the "
                                + "Spring Boot starter runs, the agent backs off.",
                        "0:namspill monitors the JVM", "1:the agent could not start there",
                        "2:the JVM could not be attached to (the reason on standard error)")
                .addPositional(PositionalParamSpec.builder().paramLabel("PID").type(long.class).required(true)
                        .description("the JVM (as this host's /proc numbers it)").build())
                .addOption(OptionSpec.builder(TRACE)
                        .description("also start the origin trace, which names the code that leaked").build());
    }

    private static int run(ParseResult parsed, PrintWriter out, PrintWriter err) {
        long pid = parsed.matchedPositionalValue(0, 0L);
        boolean trace = parsed.hasMatchedOption(TRACE);
        Optional<String> notAJvm = AttachableJvm.whyNot(pid);
        if (notAJvm.isPresent()) {
            err.println("namspill: pid " + pid + ": " + notAJvm.get());
            return NamspillCli.UNREADABLE;
        }
        try {
            Attach.Outcome outcome = Attach.attach(pid, EmbeddedAgent.writeInto(pid), trace);
            (outcome.monitors() ? out : err).println("namspill: pid " + pid + ": " + outcome.status());
            return outcome.monitors() ? 0 : 1;
        }
        catch (IOException e) {
            err.println("namspill: pid " + pid + ": " + e.getMessage());
            return NamspillCli.UNREADABLE;
        }
    }
}
