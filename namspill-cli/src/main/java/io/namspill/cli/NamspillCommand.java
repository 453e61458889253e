package io.namspill.cli;

import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The top command, {@code namspill}: a command is one class listed here. The model is built with
 * picocli's programmatic API, not its annotations: every annotation type read at run time is a
 * proxy class generated then, which JDK 17's class-data-sharing archive cannot keep, and reading
 * them costs each run about 45 ms, a tenth of a {@code check}.
 */
final class NamspillCommand {

    /** What a command does once picocli has parsed its line. */
    @FunctionalInterface
    interface Action {

        /** Runs the command {@code parsed} holds; returns its exit status. */
        int run(ParseResult parsed, PrintWriter out, PrintWriter err) throws IOException;
    }

    private NamspillCommand() {
    }

    /** {@code namspill} with every command. */
    static CommandLine commandLine() {
        CommandSpec namspill = command("namspill", NamspillCommand::missingCommand,
                "Finds threads attached to other Linux namespaces than their process's thread-group leader: reads "
                        + "/proc/<pid>/task/*/ns/* of any process it may read (the same user, or CAP_SYS_PTRACE).",
                "0:every task uniform", "1:at least one task spilled",
                "2:a process could not be read, or the command line is wrong");
        namspill.usageMessage().synopsisSubcommandLabel("COMMAND");
        namspill.addSubcommand(CheckCommand.NAME, CheckCommand.spec());
        namspill.addSubcommand(PsCommand.NAME, PsCommand.spec());
        namspill.addSubcommand(AttachCommand.NAME, AttachCommand.spec());
        namspill.addSubcommand(CompletionCommand.NAME, CompletionCommand.spec());
        return new CommandLine(namspill);
    }

    /**
     * A command's model with what every command has: {@code -h}, {@code -V}, the version, and its
     * exit statuses ({@code "0:uniform"} for example) under one heading.
     */
    static CommandSpec command(String name, Action action, String description, String... exitStatuses) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(action).name(name).versionProvider(new Version());
        spec.usageMessage()
                .description(description)
                .exitCodeListHeading("%nExit status:%n")
                .exitCodeList(UsageMessageSpec.keyValuesMap(exitStatuses));
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    /**
     * Runs the command that {@code parsed} names, or the help it asked for: picocli's execution
     * strategy for this model. A failure is one line on standard error that names it, never a
     * stack trace; a wrong command line goes back to picocli, which prints it with the usage.
     */
    static int execute(ParseResult parsed) {
        ParseResult command = parsed;
        while (command.hasSubcommand()) {
            command = command.subcommand();
        }
        CommandLine line = command.commandSpec().commandLine();
        try {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            return ((Action) command.commandSpec().userObject()).run(command, line.getOut(), line.getErr());
        }
        catch (ParameterException e) {
            throw e;
        }
        catch (IOException | RuntimeException e) {
            line.getErr().println("namspill: " + describe(e));
            return NamspillCli.UNREADABLE;
        }
    }

    private static int missingCommand(ParseResult parsed, PrintWriter out, PrintWriter err) {
        throw new ParameterException(parsed.commandSpec().commandLine(),
                "Missing command: " + String.join(", ", parsed.commandSpec().subcommands().keySet()));
    }

    private static String describe(Exception failure) {
        if (failure instanceof ExecutionException && failure.getCause() instanceof Exception cause) {
            return describe(cause); // picocli's wrapper, around a failing version provider for example
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getName() : message;
    }
}
