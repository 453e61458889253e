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

    private static final String SIGNALS_CAUGHT = "SigCgt:";
    private static final long SIGQUIT_BIT = 1L << (3 - 1);

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
                    return catchesSigquit(procfs, pid) ? Optional.empty()
                            : Optional.of("a JVM that does not catch SIGQUIT (-Xrs?): attaching would end it");
                }
            }
            return Optional.of("not a JVM (no libjvm.so in " + maps + ")");
        }
        catch (IOException e) {
            return Optional.of("cannot tell whether it is a JVM (" + maps + ": " + RemoteJvmThreads.describe(e) + ")");
        }
    }

    /** The {@code SigCgt} mask of {@code /proc/<pid>/status}: bit {@code n-1} set where signal {@code n} is caught. */
    private static boolean catchesSigquit(Path procfs, long pid) throws IOException {
        for (String line : Files.readAllLines(procfs.resolve(Long.toString(pid)).resolve("status"), StandardCharsets.ISO_8859_1)) {
            if (line.startsWith(SIGNALS_CAUGHT)) {
                return (Long.parseUnsignedLong(line.substring(SIGNALS_CAUGHT.length()).trim(), 16) & SIGQUIT_BIT) != 0;
            }
        }
        return false;
    }
}
