package io.namspill.cli;

import io.namspill.agent.Attach;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code namspill attach PID [--trace]}: loads the namspill agent into a running JVM. */
@Command(name = "attach",
        description = {
                "Loads the namspill agent into a running JVM (the attach mechanism: the same user, or root): it then "
                        + "checks the JVM's tasks periodically, logs every new leak, and serves the MBean "
                        + "io.namspill:type=Namspill. Loading it where it runs already is harmless; where the Spring "
                        + "Boot starter runs, the agent backs off."},
        exitCodeList = {"0:namspill monitors the JVM", "1:the agent could not start there",
                "2:the JVM could not be attached to (the reason on standard error)"})
final class AttachCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PID", description = "the JVM (as this host's /proc numbers it)")
    long pid;

    @Option(names = "--trace", description = "also start the origin trace, which names the code that leaked")
    boolean trace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
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
