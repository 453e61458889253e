package io.namspill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.namspill.testing.Privileges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --json}: the contract's fields, one by one, from real processes. */
class JsonOutputTests {

    @TempDir
    Path dir;

    @Test
    void aSpilledCProcessHasEveryFieldOfTheContract() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (Target target = Target.spiller(dir)) {
            long pid = target.pid();
            int tid = target.spilledTid();

            Cli.Run run = Cli.run("check", "--json", Long.toString(pid)).withoutStackTrace();
            DocumentContext json = JsonPath.parse(run.out());

            assertThat(run.status()).isEqualTo(1);
            assertThat(json.read("$.length()", Integer.class)).isEqualTo(1);
            assertThat(json.read("$[0].pid", Long.class)).isEqualTo(pid);
            assertThat(json.read("$[0].command", String.class)).isEqualTo(target.command());
            assertThat(json.read("$[0].supported", Boolean.class)).isTrue();
            assertThat(json.read("$[0].uniform", Boolean.class)).isFalse();
            assertThat(json.read("$[0].tasks", Integer.class)).isEqualTo(2);
            Map<String, Object> reference = json.read("$[0].reference");
            assertThat(reference).containsEntry("uts", inode("/proc/" + pid + "/task/" + pid + "/ns/uts"))
                    .containsEntry("net", inode("/proc/" + pid + "/task/" + pid + "/ns/net"));
            assertThat(json.read("$[0].spilled.length()", Integer.class)).isEqualTo(1);
            assertThat(json.read("$[0].spilled[0].tid", Integer.class)).isEqualTo(tid);
            assertThat(json.read("$[0].spilled[0].name", String.class)).isEqualTo("c-spiller");
            Map<String, Object> namespaces = json.read("$[0].spilled[0].namespaces");
            assertThat(namespaces).containsOnlyKeys("uts")
                    .containsEntry("uts", inode("/proc/" + pid + "/task/" + tid + "/ns/uts"));
            assertThat(json.read("$[0].spilled[0]", Map.class)).doesNotContainKey("thread");
            assertThat(json.read("$[0].leaderMayHaveMoved", Boolean.class)).isFalse();
            assertThat(json.read("$[0].javaThreads.named", Boolean.class)).isFalse();
            assertThat(json.read("$[0].javaThreads.reason", String.class)).startsWith("not a JVM");
            assertThat(json.read("$[0]", Map.class)).doesNotContainKey("reason");
        }
    }

    @Test
    void aJavaThreadNamedByTheJvmHasItsThreadObject() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (Target jvm = TargetJvm.start()) {
            Cli.Run run = Cli.run("check", "--json", Long.toString(jvm.pid())).withoutStackTrace();
            DocumentContext json = JsonPath.parse(run.out());

            assertThat(json.read("$[0].spilled[0].tid", Integer.class)).isEqualTo(jvm.spilledTid());
            assertThat(json.read("$[0].spilled[0].thread.name", String.class)).isEqualTo(LeakyJvm.THREAD_NAME);
            assertThat(json.read("$[0].spilled[0].thread.id", Long.class)).isPositive();
            assertThat(json.read("$[0].spilled[0].thread.state", String.class)).isEqualTo("WAITING");
            assertThat(json.read("$[0].spilled[0].thread.daemon", Boolean.class)).isFalse();
            assertThat(json.read("$[0].spilled[0].thread.namedBy", String.class)).isEqualTo("thread-dump");
            List<String> frames = json.read("$[0].spilled[0].thread.stackTrace");
            assertThat(frames).anySatisfy(frame -> assertThat(frame).contains("LeakyJvm"));
            assertThat(json.read("$[0].javaThreads.named", Boolean.class)).isTrue();
        }
    }

    @Test
    void theJsonLeavesStandardOutputOpenAndEndsItsLine() {
        Cli.Run run = Cli.run("check", "--json", Long.toString(Integer.MAX_VALUE));

        assertThat(run.out()).startsWith("[").endsWith("]" + System.lineSeparator());
    }

    @Test
    void anUnreadableProcessHasSupportedFalseAndItsReason() {
        Cli.Run run = Cli.run("check", "--json", Long.toString(Integer.MAX_VALUE)).withoutStackTrace();
        DocumentContext json = JsonPath.parse(run.out());

        assertThat(run.status()).isEqualTo(2);
        assertThat(json.read("$[0].pid", Long.class)).isEqualTo(Integer.MAX_VALUE);
        assertThat(json.read("$[0].supported", Boolean.class)).isFalse();
        assertThat(json.read("$[0].reason", String.class)).contains("no such process", "ENOENT");
        assertThat(json.read("$[0]", Map.class)).doesNotContainKeys("uniform", "tasks", "spilled");
    }

    private static long inode(String link) throws java.io.IOException {
        return Long.parseLong(Files.readSymbolicLink(Path.of(link)).toString().replaceAll("\\D", ""));
    }
}
