package io.namspill.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code main} of the test class path in a fresh JVM: for what must happen in a JVM of its
 * own (installing the origin trace's filter with threads already running, a dying supervisor).
 */
public final class ChildJvm {

    /** The child's exit code and its merged output. */
    public record Result(int exitCode, String output) {
    }

    private ChildJvm() {
    }

    /** Runs {@code main} with {@code args}; fails if it does not end within ten minutes (a hang). */
    public static Result run(Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-Xss512k");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = child.getInputStream().readAllBytes(); // until it exits (or is killed below)
        if (!child.waitFor(10, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new AssertionError(main.getName() + " did not end: " + new String(output, StandardCharsets.UTF_8));
        }
        return new Result(child.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
