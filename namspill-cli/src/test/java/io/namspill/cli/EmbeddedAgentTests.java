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
    void whereAnotherUsersCopyHoldsTheNameTheJarTakesThisUsersNameOnceForEveryAttach() throws Exception {
        // A sticky directory of another user, holding that user's copy: only its owner (or
        // CAP_FOWNER, which root drops here) may replace it, as in a /tmp shared by users. Giving
        // files to another user of the host takes root on the host (missing under -Puserns).
        Privileges.assumeCanRestoreNamespaces();
        UserPrincipal nobody = tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Path shared = Files.createDirectory(tmp.resolve("tmp"));
        Files.setAttribute(shared, "unix:mode", 01777);
        Files.setOwner(shared, nobody);
        Path theirs = Files.writeString(shared.resolve("namspill-agent-" + Version.number() + ".jar"), "nobody's copy");
        Files.setOwner(theirs, nobody);

        Path first = ThreadCapabilities.without(() -> EmbeddedAgent.writeInto(shared), ThreadCapabilities.CAP_FOWNER);
        Path second = ThreadCapabilities.without(() -> EmbeddedAgent.writeInto(shared), ThreadCapabilities.CAP_FOWNER);

        assertThat(first).isEqualTo(second)
                .isEqualTo(shared.resolve("namspill-agent-" + Version.number() + "-" + Files.getAttribute(tmp, "unix:uid") + ".jar"));
        assertThat(theirs).hasContent("nobody's copy");
        assertThat(shared).isDirectoryNotContaining(path -> !path.equals(theirs) && !path.equals(first));
        try (JarFile agent = new JarFile(first.toFile())) {
            assertThat(agent.getManifest().getMainAttributes().getValue("Agent-Class")).isNotBlank();
        }
    }
}
