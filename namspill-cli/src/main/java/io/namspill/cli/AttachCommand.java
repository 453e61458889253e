package io.namspill.cli;

import io.namspill.agent.Attach;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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
                        + "Boot starter runs, the agent backs off.",
                "",
                "Exit status: 0 once namspill monitors the JVM, 1 the agent could not start there, 2 the JVM "
                        + "could not be attached to (the reason on standard error)."})
final class AttachCommand implements Callable<Integer> {

    /** The agent jar inside this command's jar, put there by the build. */
    private static final String AGENT_RESOURCE = "namspill-agent.jar";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PID", description = "the JVM (as this host's /proc numbers it)")
    long pid;

    @Option(names = "--trace", description = "also start the origin trace, which names the code that leaked")
    boolean trace;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> notAJvm = AttachableJvm.whyNot(pid);
        if (notAJvm.isPresent()) {
            err.println("namspill: pid " + pid + ": " + notAJvm.get());
            return NamspillCli.UNREADABLE;
        }
        String jarName = "namspill-agent-" + Version.number() + ".jar";
        // The target JVM opens the jar itself, in its own mount namespace (a container's): write it
        // into the target's /tmp, through its root as this host sees it.
        Path targetTmp = Path.of("/proc", Long.toString(pid), "root", "tmp");
        if (!Files.isDirectory(targetTmp)) {
            err.println("namspill: pid " + pid + ": no such process, or its /tmp cannot be reached (" + targetTmp + ")");
            return NamspillCli.UNREADABLE;
        }
        writeAgentJar(targetTmp.resolve(jarName));
        try {
            Attach.Outcome outcome = Attach.attach(pid, Path.of("/tmp", jarName), trace);
            (outcome.monitors() ? out : err).println("namspill: pid " + pid + ": " + outcome.status());
            return outcome.monitors() ? 0 : 1;
        }
        catch (IOException e) {
            err.println("namspill: pid " + pid + ": " + e.getMessage());
            return NamspillCli.UNREADABLE;
        }
    }

    /** Writes the jar readable by every user (the target JVM may run as another one), replacing it whole. */
    private static void writeAgentJar(Path jar) throws IOException {
        Path partial = Files.createTempFile(jar.getParent(), ".namspill-agent", ".jar");
        try (InputStream in = AttachCommand.class.getResourceAsStream(AGENT_RESOURCE)) {
            if (in == null) {
                throw new IOException("this build of namspill has no agent jar (" + AGENT_RESOURCE + ")");
            }
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        finally {
            Files.deleteIfExists(partial);
        }
    }
}
