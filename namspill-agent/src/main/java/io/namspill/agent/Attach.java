package io.namspill.agent;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads the agent into a running JVM and waits until it reports how it stands: what
 * {@code namspill attach PID [--trace]} runs. A command line calls
 * {@link #attach(long, Path, boolean)} with the path of the agent jar; the jar runs it too:
 * {@code java -jar namspill-agent.jar attach PID [--trace]}.
 */
public final class Attach {

    /** How long {@link #attach} waits for the agent to report. */
    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration POLL = Duration.ofMillis(100);

    private static final String SIGNALS_CAUGHT = "SigCgt:";
    private static final long SIGQUIT_BIT = 1L << (3 - 1);

    private Attach() {
    }

    /**
     * What one attach achieved.
     *
     * @param status the agent's status: {@code running (...)}, {@code backed off: ...} (another
     *        integration, the starter, already monitors the JVM) or {@code failed: ...}
     */
    public record Outcome(String status) {

        public Outcome {
            Objects.requireNonNull(status, "status");
        }

        /** Whether namspill monitors the JVM now: the agent runs, or the starter it backed off for. */
        public boolean monitors() {
            return !status.startsWith(NamspillAgent.FAILED);
        }
    }

    /**
     * Loads the agent jar {@code agentJar} into the JVM {@code pid} (with the origin trace where
     * {@code trace}) and waits until it reports; loading it into a JVM where it runs already is
     * harmless (with {@code trace}, it enables the trace there).
     *
     * @param agentJar the agent jar's path as the target JVM sees it (for a JVM in a container,
     *        in the container's file system)
     * @throws IOException when the JVM cannot be attached to (no such JVM, another user, attach
     *         disabled) or cannot load the jar, with the pid or the path in the message
     */
    public static Outcome attach(long pid, Path agentJar, boolean trace) throws IOException {
        Optional<String> notAttachable = whyNotAttachable(pid);
        if (notAttachable.isPresent()) {
            throw new IOException("JVM " + pid + ": " + notAttachable.get());
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        }
        catch (AttachNotSupportedException e) {
            throw new IOException("JVM " + pid + ": cannot attach (" + e.getMessage() + ")", e);
        }
        try {
            vm.loadAgent(agentJar.toAbsolutePath().toString(), trace ? "trace=true" : "");
            return new Outcome(awaitStatus(vm, pid));
        }
        catch (AgentLoadException | AgentInitializationException e) {
            throw new IOException("JVM " + pid + ": the agent " + agentJar + " did not load (" + e.getMessage() + ")", e);
        }
        finally {
            vm.detach();
        }
    }

    /** The agent sets its status before its entry point returns; polled in case a JVM reports late. */
    private static String awaitStatus(VirtualMachine vm, long pid) throws IOException {
        long deadline = System.nanoTime() + REPORT_TIMEOUT.toNanos();
        while (true) {
            String status = vm.getSystemProperties().getProperty(NamspillAgent.STATUS_PROPERTY);
            if (status != null) {
                return status;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("JVM " + pid + ": the agent loaded but reported nothing within " + REPORT_TIMEOUT);
            }
            try {
                Thread.sleep(POLL.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("JVM " + pid + ": interrupted while waiting for the agent", e);
            }
        }
    }

    /**
     * Why process {@code pid} must not be attached to; empty where it is a JVM that catches
     * SIGQUIT. Attaching signals the process with SIGQUIT, which ends a program that is no JVM,
     * and a JVM started with {@code -Xrs}.
     */
    public static Optional<String> whyNotAttachable(long pid) {
        Path process = Path.of("/proc", Long.toString(pid));
        Path maps = process.resolve("maps");
        try (BufferedReader lines = Files.newBufferedReader(maps, StandardCharsets.ISO_8859_1)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.endsWith("/libjvm.so")) {
                    return catchesSigquit(process) ? Optional.empty()
                            : Optional.of("a JVM that does not catch SIGQUIT (-Xrs?): attaching would end it");
                }
            }
            return Optional.of("not a JVM (no libjvm.so in " + maps + ")");
        }
        catch (IOException e) {
            return Optional.of("cannot tell whether it is a JVM (" + maps + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /** The {@code SigCgt} mask of {@code status}: bit {@code n-1} set where signal {@code n} is caught. */
    private static boolean catchesSigquit(Path process) throws IOException {
        for (String line : Files.readAllLines(process.resolve("status"), StandardCharsets.ISO_8859_1)) {
            if (line.startsWith(SIGNALS_CAUGHT)) {
                return (Long.parseUnsignedLong(line.substring(SIGNALS_CAUGHT.length()).trim(), 16) & SIGQUIT_BIT) != 0;
            }
        }
        return false;
    }

    /** The agent jar this class was loaded from, for a command line that has it on its class path. */
    public static Path agentJar() {
        try {
            return Path.of(Attach.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the agent jar: " + e.getMessage(), e);
        }
    }

    /**
     * {@code java -jar namspill-agent.jar attach PID [--trace]}: exit status 0 once namspill
     * monitors the JVM, 1 when the agent could not start there, 2 on a usage or attach error.
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean trace = args.length == 3 && args[2].equals("--trace");
        if (args.length < 2 || args.length > 3 || !args[0].equals("attach") || (args.length == 3 && !trace)) {
            err.println("usage: java -jar namspill-agent.jar attach PID [--trace]");
            return 2;
        }
        long pid;
        try {
            pid = Long.parseLong(args[1]);
        }
        catch (NumberFormatException e) {
            err.println("PID '" + args[1] + "': not a process id");
            return 2;
        }
        Path agentJar = agentJar();
        if (!Files.isRegularFile(agentJar)) {
            err.println("agent jar " + agentJar + ": no such file");
            return 2;
        }
        try {
            Outcome outcome = attach(pid, agentJar, trace);
            (outcome.monitors() ? out : err).println(pid + ": " + outcome.status());
            return outcome.monitors() ? 0 : 1;
        }
        catch (IOException e) {
            err.println(e.getMessage());
            return 2;
        }
    }
}
