package io.namspill.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Builds the C and Go programs the tests check, from sources under {@code src/test/resources/programs}. */
final class Programs {

    private Programs() {
    }

    /** The path of {@code tool} on the PATH, if any. */
    static Optional<Path> onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Compiles {@code programs/<name>.c} with gcc into {@code dir}. */
    static Path gcc(String name, Path dir) throws IOException, InterruptedException {
        Path source = copy(name + ".c", dir);
        Path binary = dir.resolve(name);
        build(dir, List.of("gcc", "-O1", "-pthread", "-o", binary.toString(), source.toString()));
        return binary;
    }

    /** Builds {@code programs/<name>.go} with the Go toolchain into {@code dir}. */
    static Path go(String name, Path dir) throws IOException, InterruptedException {
        Path source = copy(name + ".go", dir);
        Path binary = dir.resolve(name);
        build(dir, List.of("go", "build", "-o", binary.toString(), source.toString()));
        return binary;
    }

    private static Path copy(String resource, Path dir) throws IOException {
        Path target = dir.resolve(resource);
        try (var in = Programs.class.getResourceAsStream("/programs/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource programs/" + resource);
            }
            Files.copy(in, target);
        }
        return target;
    }

    private static void build(Path dir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        // Go: a cache of its own (the test JVM's HOME may be unset), one file outside any module.
        builder.environment().put("GOCACHE", Path.of(System.getProperty("java.io.tmpdir"), "namspill-go-cache").toString());
        builder.environment().put("GO111MODULE", "off");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new UncheckedIOException(new IOException(command + " failed: " + output));
        }
    }
}
