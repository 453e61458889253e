package io.namspill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.testing.Privileges;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command run as {@code nobody} against a process of root: refused, with the pid and the errno. */
class UnprivilegedCheckTests {

    private static final String NOBODY = "65534";

    @TempDir
    Path dir;

    @Test
    void anotherUsersProcessGivesExitStatus2NamingPidAndErrno() throws Exception {
        // Becoming another user of the host takes root on the host: the privilege that lets a thread
        // return to the host's namespaces (missing under -Puserns).
        Privileges.assumeCanRestoreNamespaces();
        String classPath = copyReadableByAll(System.getProperty("namspill.cli.classpath"));
        try (Target rootProcess = Target.start(List.of("sh", "-c", "echo ready; exec sleep 600"))) {
            List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                    "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            if (Runtime.version().feature() >= 22) {
                command.add("--enable-native-access=ALL-UNNAMED");
            }
            command.addAll(List.of("-Djava.io.tmpdir=" + dir, "-cp", classPath, NamspillCli.class.getName(), "check",
                    Long.toString(rootProcess.pid())));
            Process cli = new ProcessBuilder(command).start();
            String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(cli.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(cli.waitFor(5, TimeUnit.MINUTES)).isTrue();

            new Cli.Run(cli.exitValue(), out, err).withoutStackTrace();
            assertThat(cli.exitValue()).as(err).isEqualTo(2);
            assertThat(out).isEmpty();
            assertThat(err.lines()).singleElement().asString()
                    .startsWith("namspill: pid " + rootProcess.pid() + ": ")
                    .containsAnyOf("EACCES", "EPERM")
                    .contains("CAP_SYS_PTRACE");
        }
    }

    /** The class path, copied where nobody may read it (the build's own directories need not be). */
    private String copyReadableByAll(String classPath) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> copies = new ArrayList<>();
        int index = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            Path source = Path.of(entry);
            Path copy = dir.resolve(index++ + "-" + source.getFileName());
            if (Files.isDirectory(source)) {
                try (Stream<Path> tree = Files.walk(source)) {
                    for (Path path : (Iterable<Path>) tree::iterator) {
                        Files.copy(path, copy.resolve(source.relativize(path).toString()));
                    }
                }
            }
            else {
                Files.copy(source, copy);
            }
            copies.add(copy.toString());
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return String.join(File.pathSeparator, copies);
    }
}
