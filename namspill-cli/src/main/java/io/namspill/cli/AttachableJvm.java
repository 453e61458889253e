package io.namspill.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a process may be asked through the attach mechanism. Only a JVM: attaching signals the
 * process with SIGQUIT, which ends a program that does not expect it.
 */
final class AttachableJvm {

    private AttachableJvm() {
    }

    /** Why process {@code pid} cannot be attached to; empty where it is a JVM that may be asked. */
    static Optional<String> whyNot(Path procfs, long pid) {
        if (pid == ProcessHandle.current().pid()) {
            return Optional.of("namspill does not attach to itself");
        }
        if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) {
            return Optional.of("this Java runtime has no jdk.attach module (run namspill on a JDK)");
        }
        Path maps = procfs.resolve(Long.toString(pid)).resolve("maps");
        try (BufferedReader lines = Files.newBufferedReader(maps, StandardCharsets.ISO_8859_1)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.endsWith("/libjvm.so")) {
                    return Optional.empty();
                }
            }
            return Optional.of("not a JVM (no libjvm.so in " + maps + ")");
        }
        catch (IOException e) {
            return Optional.of("cannot tell whether it is a JVM (" + maps + ": " + RemoteJvmThreads.describe(e) + ")");
        }
    }
}
