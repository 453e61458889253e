package io.namspill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.testing.Privileges;
import io.namspill.testing.ThreadCapabilities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent jar written where a target JVM opens it: a sticky {@code /tmp} shared with other users. */
class EmbeddedAgentTests {

    @TempDir
    Path tmp;

    @Test
    void theJarTakesItsVersionsNameReadableByEveryUserAndReplacesAnOlderCopy() throws Exception {
        Path old = Files.writeString(tmp.resolve("namspill-agent-" + Version.number() + ".jar"), "an older copy");

        Path jar = EmbeddedAgent.writeInto(tmp);

        assertThat(jar).isEqualTo(old);
        assertThat(Files.getPosixFilePermissions(jar)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        try (JarFile agent = new JarFile(jar.toFile())) {
            assertThat(agent.getManifest().getMainAttributes().getValue("Agent-Class")).isNotBlank();
        }
        assertThat(tmp).isDirectoryNotContaining(path -> !path.equals(jar));
    }

    @Test
    void whereAnotherUsersCopyHoldsTheNameTheJarKeepsANameOfItsOwn() throws Exception {
        // A sticky directory of another user, holding that user's copy: only its owner (or
        // CAP_FOWNER, which root drops here) may replace it, as in a /tmp shared by users. Giving
        // files to another user of the host takes root on the host (missing under -Puserns).
        Privileges.assumeCanRestoreNamespaces();
        UserPrincipal nobody = tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Path shared = Files.createDirectory(tmp.resolve("tmp"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setAttribute(shared, "unix:mode", 01777);
        Files.setOwner(shared, nobody);
        Path theirs = Files.writeString(shared.resolve("namspill-agent-" + Version.number() + ".jar"), "nobody's copy");
        Files.setOwner(theirs, nobody);

        Path jar = ThreadCapabilities.without(() -> EmbeddedAgent.writeInto(shared), ThreadCapabilities.CAP_FOWNER);

        assertThat(jar).isNotEqualTo(theirs).hasParent(shared);
        assertThat(theirs).hasContent("nobody's copy");
        try (JarFile agent = new JarFile(jar.toFile())) {
            assertThat(agent.getManifest().getMainAttributes().getValue("Agent-Class")).isNotBlank();
        }
    }
}
