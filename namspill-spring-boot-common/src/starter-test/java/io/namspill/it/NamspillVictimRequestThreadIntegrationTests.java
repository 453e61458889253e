package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import io.namspill.Namspill;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.it.LoopbackHttp.Response;
import io.namspill.report.SpillReport;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.PrivateProc;
import io.namspill.testing.Privileges;
import io.namspill.testing.TaskExits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller is the victim: Tomcat has a single request thread, a request moves that thread into
 * a namespace of its own (and, for {@code mnt}, hides {@code /proc} from it), and the next
 * requests to {@code /actuator/namspill} and {@code /actuator/health} are served by that very
 * thread. They still get a correct report about it, since the scan runs on the monitor's own
 * thread. Each test gets a context of its own, so that the poisoned Tomcat thread ends with it.
 */
@SpringBootTest(classes = { NamspillTestApplication.class, NamspillVictimRequestThreadIntegrationTests.Spilling.class },
        webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "server.address=127.0.0.1",
                "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1", "namspill.cache-ttl=0s",
                "management.endpoints.web.exposure.include=health,namspill",
                "management.endpoint.health.show-details=always" })
@DirtiesContext(classMode = ClassMode.AFTER_EACH_TEST_METHOD)
class NamspillVictimRequestThreadIntegrationTests {

    private static final List<Integer> victims = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final LocalServerHttp server = LocalServerHttp.awaitingHealthy("health");

    @BeforeEach
    void assumeCanCreateNamespaces() {
        Privileges.assumeCanCreateNamespaces();
    }

    @AfterAll
    static void theVictimsEndedWithTheirContextsAndLeftNothingSpilledBehind() {
        victims.forEach(TaskExits::await);
        // Nothing the spilled request threads started (a thread is born in its creator's namespaces) outlives them.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            SpillReport report = Namspill.report();
            assertThat(report.spilledTasks()).as(report::render).isEmpty();
        });
    }

    @Test
    void aRequestThreadInAForeignMountNamespaceWithoutProcGetsACorrectReportAboutItself() throws Exception {
        Victim victim = spill("mnt");
        assertThat(victim.procVisible()).as("/proc as the victim thread sees it").isFalse();
        // The tmpfs is in the victim's own mount namespace, with private propagation: the process's is untouched.
        assertThat(Files.readString(Path.of("/proc/self/task/" + victim.tid() + "/mountinfo"))).contains(PrivateProc.SOURCE);
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(PrivateProc.SOURCE);
        assertThat(Files.readString(Path.of("/proc/thread-self/mountinfo"))).doesNotContain(PrivateProc.SOURCE);

        assertCorrectReportsServedBy(victim, "mnt");
    }

    @Test
    void aRequestThreadInAForeignNetworkNamespaceIsStillReachedOverLoopbackAndGetsACorrectReport() throws Exception {
        Victim victim = spill("net");
        assertThat(victim.procVisible()).isTrue();

        assertCorrectReportsServedBy(victim, "net");
    }

    private Victim spill(String type) throws IOException, InterruptedException {
        Response spill = this.server.http().get("/test/spill/" + type);
        assertThat(spill.status()).as(spill.body()).isEqualTo(200);
        DocumentContext answer = spill.json();
        Victim victim = new Victim(answer.read("$.tid", Integer.class), answer.read("$.thread", String.class),
                answer.read("$.procVisible", Boolean.class));
        victims.add(victim.tid());
        assertThat(spill.servedBy()).isEqualTo(Integer.toString(victim.tid()));
        assertThat(Actuator.inode(victim.tid(), type)).isNotEqualTo(NamespaceLinks.ofLeader(type));
        return victim;
    }

    private void assertCorrectReportsServedBy(Victim victim, String type) throws IOException, InterruptedException {
        long foreign = Actuator.inode(victim.tid(), type);

        Response namspill = this.server.http().get("/actuator/namspill");
        assertThat(namspill.servedBy()).as("served by the spilled thread").isEqualTo(Integer.toString(victim.tid()));
        assertThat(namspill.status()).isEqualTo(200);
        DocumentContext report = namspill.json();
        assertThat(report.read("$.supported", Boolean.class)).as(namspill.body()).isTrue();
        assertThat(report.read("$.pid", Long.class)).isEqualTo(ProcessHandle.current().pid());
        assertThat(report.read("$.uniform", Boolean.class)).isFalse();
        assertThat(report.read("$.reference." + type, Long.class)).isEqualTo(NamespaceLinks.ofLeader(type));
        assertThat(report.read("$.leaks", List.class)).hasSize(1);
        DocumentContext leak = Actuator.entryOf(report, "$.leaks", victim.tid());
        assertThat(leak.read("$.namespaces", Map.class)).containsOnlyKeys(type);
        assertThat(leak.read("$.namespaces." + type, Long.class)).isEqualTo(foreign);
        assertThat(leak.read("$.thread.name", String.class)).isEqualTo(victim.thread());
        assertThat(report.read("$.types." + type + ".leakedTasks", Integer.class)).isEqualTo(1);

        Response health = this.server.http().get("/actuator/health");
        assertThat(health.servedBy()).as("served by the spilled thread").isEqualTo(Integer.toString(victim.tid()));
        assertThat(health.status()).isEqualTo(503);
        DocumentContext component = health.json();
        assertThat(component.read("$.components.namspill.status", String.class)).isEqualTo("DOWN");
        assertThat(component.read("$.components.namspill.details.leakedTasks", Integer.class)).isEqualTo(1);
        assertThat(Actuator.entryOf(component, "$.components.namspill.details.leaks", victim.tid())
                .read("$.namespaces." + type, Long.class)).isEqualTo(foreign);
        System.out.printf("victim over HTTP: request thread %s (tid %d) spilled into %s %d; its own /actuator/namspill"
                + " (200, leaks: tid %d %s) and /actuator/health (503, DOWN) were correct%n", victim.thread(), victim.tid(),
                type, foreign, leak.read("$.tid", Integer.class), leak.read("$.namespaces", Map.class));
    }

    /** The spilled request thread, as the spilling request saw itself. */
    private record Victim(int tid, String thread, boolean procVisible) {
    }

    /** Test-only: requests that spill the Tomcat thread serving them, and the tid of the thread that served each answer. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Spilling {

        @Bean
        ServedBy servedBy() {
            return new ServedBy();
        }

        @Bean
        SpillingController spillingController() {
            return new SpillingController();
        }
    }

    @RestController
    static class SpillingController {

        @GetMapping("/test/spill/mnt")
        Map<String, Object> spillIntoMountNamespaceWithoutProc() {
            LinuxNative.unshare(LinuxAbi.CLONE_FS | LinuxAbi.CLONE_NEWNS);
            PrivateProc.hide();
            return self();
        }

        @GetMapping("/test/spill/net")
        Map<String, Object> spillIntoNetworkNamespace() {
            LinuxNative.unshare(LinuxAbi.CLONE_NEWNET);
            return self();
        }

        private static Map<String, Object> self() {
            return Map.of("tid", LinuxNative.gettid(), "thread", Thread.currentThread().getName(),
                    "procVisible", Files.exists(Path.of("/proc/self")));
        }
    }
}
