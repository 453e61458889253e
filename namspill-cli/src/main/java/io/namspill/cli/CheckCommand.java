package io.namspill.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code namspill check PID...}: every spilled task of the named processes. */
@Command(name = "check",
        description = {
                "Reads every task of each process and names every task attached to another namespace than the "
                        + "process's thread-group leader: tid, task name, and per differing type its namespace next to "
                        + "the leader's. For a JVM, asks the JVM (attach mechanism) for the Java thread of each spilled task."},
        exitCodeList = {"0:every task uniform", "1:at least one task spilled",
                "2:a process could not be read (the pid and the reason on standard error)"})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PID", arity = "1..*", description = "the processes to check (as this host's /proc numbers them)")
    List<Long> pids = new ArrayList<>();

    @Option(names = "--json", description = "a JSON array, one object per process")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
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
