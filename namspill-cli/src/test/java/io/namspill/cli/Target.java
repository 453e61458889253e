package io.namspill.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A process to check: started with a command, it prints one line once it is ready (the tid of
 * its spilled thread, or {@code ready}), and is killed, with its descendants, on {@link #close()}.
 */
final class Target implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("\\d+|ready");

    private final Process process;
    private final String readyLine;
    private final List<String> command;

    private Target(Process process, String readyLine, List<String> command) {
        this.process = process;
        this.readyLine = readyLine;
        this.command = List.copyOf(command);
    }

    /** Builds {@code programs/spiller.c} into {@code dir} and starts it with {@code args}. */
    static Target spiller(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Programs.gcc("spiller", dir).toString()));
        command.addAll(List.of(args));
        return start(command);
    }

    /**
     * Starts {@code command} and waits for its ready line (a number, or {@code ready}; a JVM may
     * print warnings before it); fails with its output if it ends first.
     */
    static Target start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder output = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) { // blocks until ready or ended
            if (READY.matcher(line.strip()).matches()) {
                return new Target(process, line.strip(), command);
            }
            output.append(line).append('\n');
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not get ready: " + output);
    }

    /** The command line as {@code /proc/<pid>/cmdline} shows it, arguments separated by spaces. */
    String command() {
        return String.join(" ", command);
    }

    long pid() {
        return process.pid();
    }

    /** The line the target printed when it was ready. */
    String readyLine() {
        return readyLine;
    }

    /** The ready line as a tid: targets with a spilled thread print its tid. */
    int spilledTid() {
        return Integer.parseInt(readyLine);
    }

    /** Kills the target and its descendants (the JVM under {@code unshare}, which outlives its parent). */
    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
    }
}
