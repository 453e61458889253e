package io.namspill.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/** {@code namspill check PID...}: every spilled task of the named processes. */
final class CheckCommand {

    /** The command's name on the command line. */
    static final String NAME = "check";

    private static final String JSON = "--json";

    private CheckCommand() {
    }

    /** The command's model, for {@link NamspillCommand}. */
    static CommandSpec spec() {
        return NamspillCommand.command(NAME, CheckCommand::run,
                        "Reads every task of each process and names every task attached to another namespace than the "
                                + "process's thread-group leader: tid, task name, and per differing type its namespace "
                                + "next to the leader's. For a JVM, asks the JVM (attach mechanism) for the Java thread "
                                + "of each spilled task.",
                        "0:every task uniform", "1:at least one task spilled",
                        "2:a process could not be read (the pid and the reason on standard error)")
                .addPositional(PositionalParamSpec.builder().paramLabel("PID").arity("1..*").required(true)
                        .type(List.class).auxiliaryTypes(Long.class)
                        .description("the processes to check (as this host's /proc numbers them)").build())
                .addOption(OptionSpec.builder(JSON).description("a JSON array, one object per process").build());
    }

    private static int run(ParseResult parsed, PrintWriter out, PrintWriter err) {
        List<Long> pids = parsed.matchedPositionalValue(0, List.of());
        boolean json = parsed.hasMatchedOption(JSON);
        List<ProcessCheck> checks = new ArrayList<>();
        int status = 0;
        boolean printed = false;
        for (long pid : pids) {
            ProcessCheck check;
            try {
                check = ProcessCheck.of(pid, true);
            }
            catch (IllegalArgumentException e) { // a number the kernel never gives a process
                err.println("namspill: pid " + pid + ": " + e.getMessage());
                status = NamspillCli.UNREADABLE;
                continue;
            }
            checks.add(check);
            status = Math.max(status, check.exitStatus());
            check.reason().ifPresent(reason -> err.println("namspill: pid " + pid + ": " + reason));
            if (!json && check.readable()) {
                if (printed) {
                    out.println();
                }
                printed = true;
                out.println(check.report().render());
                check.notes().ifPresent(out::println);
            }
        }
        if (json) {
            JsonOutput.write(out, checks);
            out.println();
        }
        return status;
    }
}
