package io.namspill.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.namspill.snapshot.TaskScanner;
import io.namspill.testing.Privileges;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code namspill ps}: every process of the host, one line per spilled one. */
class PsCommandTests {

    @TempDir
    Path dir;

    @Test
    void findsTheSpilledProcessWithItsTasksSpilledTasksTypesAndCommand() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (Target target = Target.spiller(dir)) {
            Cli.Run run = Cli.run("ps").withoutStackTrace();

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.out().lines().map(String::strip))
                    .anySatisfy(line -> assertThat(line.split("\\s+", 5))
                            .containsExactly(Long.toString(target.pid()), "2", "1", "uts", target.command()));
            assertThat(run.out().lines()).allSatisfy(line -> assertThat(line.strip()).matches("\\d+ .*"));
            assertThat(run.err()).containsPattern("namspill ps: \\d+ processes, [1-9]\\d* with spilled tasks");
        }
    }

    @Test
    void allListsUniformProcessesToo() throws Exception {
        try (Target target = Target.start(List.of("sh", "-c", "echo ready; exec sleep 600"))) {
            Cli.Run run = Cli.run("ps", "--all").withoutStackTrace();

            assertThat(run.out().lines().map(String::strip))
                    .anySatisfy(line -> assertThat(line.split("\\s+", 5))
                            .containsExactly(Long.toString(target.pid()), "1", "0", "-", "sleep 600"));
        }
    }

    @Test
    void jsonHoldsEveryProcessReadAndSkipsKernelThreads() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (Target target = Target.spiller(dir)) {
            Cli.Run run = Cli.run("ps", "--json").withoutStackTrace();
            DocumentContext json = JsonPath.parse(run.out());

            assertThat(run.status()).isEqualTo(1);
            List<Map<String, Object>> mine = json.read("$[?(@.pid == " + target.pid() + ")]");
            assertThat(mine).singleElement().satisfies(process -> {
                assertThat(process).containsEntry("supported", true).containsEntry("uniform", false).containsEntry("tasks", 2);
                assertThat(process).doesNotContainKey("javaThreads"); // ps never asks a JVM
            });
            List<Integer> pids = json.read("$[*].pid");
            assertThat(pids).contains((int) ProcessHandle.current().pid()).doesNotContain(2); // kthreadd
        }
    }

    @Test
    void processesThatEndWhileTheHostIsReadAreSkippedWithoutError() throws Exception {
        List<Process> shortLived = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            shortLived.add(new ProcessBuilder("true").start());
        }
        Cli.Run run = Cli.run("ps", "--all").withoutStackTrace();
        for (Process process : shortLived) {
            process.waitFor();
        }

        assertThat(run.status()).isIn(0, 1);
        assertThat(run.out()).doesNotContain("no such process", "ended while it was read");
    }

    @Test
    void aZombieAndAReapedProcessAreGoneNotUnreadable() throws Exception {
        // The two states a process that ends while ps reads it is found in, made to stay: a short
        // sleep ends as the child of the long sleep its shell became, which never reaps it (it
        // outlives the shell's exec, so that the shell cannot reap it first), and 'true' reaped
        // by this JVM.
        Process parent = new ProcessBuilder("sh", "-c", "sleep 1 & echo $!; exec sleep 600").start();
        try {
            long zombie = Long.parseLong(new BufferedReader(
                    new InputStreamReader(parent.getInputStream(), StandardCharsets.US_ASCII)).readLine().strip());
            await().until(() -> ProcessInfo.read(TaskScanner.DEFAULT_PROCFS, zombie).map(ProcessInfo::ended).orElse(false));

            ProcessCheck check = ProcessCheck.of(zombie, "sleep 1", false);

            assertThat(check.reason()).get().asString().contains("zombie");
            assertThat(check.gone()).isTrue();
        }
        finally {
            parent.destroy();
        }
        Process reaped = new ProcessBuilder("true").start();
        reaped.waitFor();

        assertThat(ProcessCheck.of(reaped.pid(), "true", false).gone()).isTrue();
    }
}
