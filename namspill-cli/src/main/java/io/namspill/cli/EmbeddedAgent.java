package io.namspill.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** The agent jar this command's jar carries, written out where a target JVM can open it. */
final class EmbeddedAgent {

    /** The agent jar inside this command's jar, put there by the build. */
    private static final String RESOURCE = "namspill-agent.jar";

    private EmbeddedAgent() {
    }

    /**
     * Writes the agent jar into the {@code /tmp} of process {@code pid} and returns its path as
     * that process sees it. The target JVM opens the jar itself, in its own mount namespace (a
     * container's), so it goes through the target's root as this host sees it.
     *
     * @throws IOException where the process is gone, its {@code /tmp} cannot be reached, or the jar not written
     */
    static Path writeInto(long pid) throws IOException {
        Path targetTmp = Path.of("/proc", Long.toString(pid), "root", "tmp");
        if (!Files.isDirectory(targetTmp)) {
            throw new IOException("no such process, or its /tmp cannot be reached (" + targetTmp + ")");
        }
        return Path.of("/tmp").resolve(writeInto(targetTmp).getFileName());
    }

    /**
     * Writes the jar into {@code dir}, readable by every user (the target JVM may run as another
     * one), and returns it. It takes the version's name, replacing a copy there whole (a JVM that
     * has the old one open keeps reading it); where another user's copy holds that name, which a
     * sticky {@code /tmp} lets only its owner replace, it takes the name of this user's copy.
     */
    static Path writeInto(Path dir) throws IOException {
        String name = "namspill-agent-" + Version.number();
        Path partial = Files.createTempFile(dir, "." + name, ".jar");
        try {
            try (InputStream in = EmbeddedAgent.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IOException("this build of namspill has no agent jar (" + RESOURCE + ")");
                }
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            try {
                return replace(partial, dir.resolve(name + ".jar"));
            }
            catch (FileSystemException e) { // EPERM: the name is another user's
                return replace(partial, dir.resolve(name + "-" + Files.getAttribute(partial, "unix:uid") + ".jar"));
            }
        }
        finally {
            Files.deleteIfExists(partial);
        }
    }

    private static Path replace(Path partial, Path jar) throws IOException {
        return Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
