package io.namspill.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process to check: started with a command, it prints one line once it is ready (the tid of
 * its spilled thread, or anything), and is killed on {@link #close()}.
 */
final class Target implements AutoCloseable {

    private final Process process;
    private final String readyLine;

    private Target(Process process, String readyLine) {
        this.process = process;
        this.readyLine = readyLine;
    }

    /** Starts {@code command} and waits for its first line of output; fails with its output if it ends first. */
    static Target start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = lines.readLine(); // blocks until the target is ready, or has ended
        if (first == null || !process.isAlive() && process.exitValue() != 0) {
            StringBuilder rest = new StringBuilder(String.valueOf(first));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                rest.append('\n').append(line);
            }
            throw new IllegalStateException(command + " did not get ready: " + rest);
        }
        return new Target(process, first.strip());
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

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
    }
}
