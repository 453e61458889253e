package io.namspill.cli;

import io.namspill.snapshot.TaskScanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** {@code namspill ps}: every process of the host with a spilled task. */
final class PsCommand {

    /** The command's name on the command line. */
    static final String NAME = "ps";

    private static final String ALL = "--all";
    private static final String JSON = "--json";
    private static final String ROW = "%7s %6s %7s %-24s %s%n";

    private PsCommand() {
    }

    /** The command's model, for {@link NamspillCommand}. */
    static CommandSpec spec() {
        return NamspillCommand.command(NAME, PsCommand::run,
                        "Reads every process of the host that the caller may read (kernel threads skipped) and prints "
                                + "one line per process with a spilled task: PID TASKS SPILLED TYPES COMMAND (TYPES: the "
                                + "namespace types in which a task differs from the leader). A summary goes to standard "
                                + "error. Java threads are not named here: check PID names them.",
                        "0:no process has a spilled task (those that cannot be read are counted, and listed with --all)",
                        "1:a process has a spilled task")
                .addOption(OptionSpec.builder(ALL)
                        .description("list every process, uniform and unreadable ones too (with the reason)").build())
                .addOption(OptionSpec.builder(JSON)
                        .description("a JSON array, one object per process read (as check --json, Java threads not named)")
                        .build());
    }

    private static int run(ParseResult parsed, PrintWriter out, PrintWriter err) throws IOException {
        boolean all = parsed.hasMatchedOption(ALL);
        boolean json = parsed.hasMatchedOption(JSON);
        List<ProcessCheck> checks = new ArrayList<>();
        for (long pid : pids(TaskScanner.DEFAULT_PROCFS)) {
            Optional<ProcessInfo> info = ProcessInfo.read(TaskScanner.DEFAULT_PROCFS, pid);
            if (info.isEmpty() || info.get().ended() || info.get().kernelThread()) {
                continue; // gone already, or a kernel thread
            }
            ProcessCheck check = ProcessCheck.of(pid, info.get().command(), false);
            if (!check.gone()) {
                checks.add(check);
            }
        }
        if (json) {
            JsonOutput.write(out, checks);
            out.println();
        }
        else {
            printTable(out, checks, all);
        }
        long spilled = checks.stream().filter(check -> check.exitStatus() == 1).count();
        long unreadable = checks.stream().filter(check -> !check.readable()).count();
        err.println("namspill ps: " + checks.size() + " processes, " + spilled
                + " with spilled tasks, " + unreadable + " not readable" + (unreadable > 0 && !all && !json
                ? " (--all lists them)" : ""));
        return spilled > 0 ? 1 : 0;
    }

    private static void printTable(PrintWriter out, List<ProcessCheck> checks, boolean all) {
        if (System.console() != null) {
            out.printf(ROW, "PID", "TASKS", "SPILLED", "TYPES", "COMMAND");
        }
        for (ProcessCheck check : checks) {
            if (!check.readable()) {
                if (all) {
                    out.printf(ROW, check.pid(), "-", "-", "-", check.command() + "  [not readable: "
                            + check.reason().orElse("unknown") + "]");
                }
            }
            else if (all || !check.report().isUniform()) {
                String types = check.differingTypes().isEmpty() ? "-" : String.join(",", check.differingTypes());
                out.printf(ROW, check.pid(), check.report().snapshot().tasks().size(), check.spilledTasks(), types,
                        check.command());
            }
        }
    }

    /** The pids under {@code procfs}, ascending. */
    private static List<Long> pids(Path procfs) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(procfs)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        }
        pids.sort(null);
        return pids;
    }
}
