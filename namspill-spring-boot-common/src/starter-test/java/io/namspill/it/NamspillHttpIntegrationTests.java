package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import io.namspill.it.Actuator.Answer;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The starter in a running web application, over real HTTP, with real leaks in named threads.
 */
@SpringBootTest(classes = NamspillTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = { TestMetrics.EXPORT, TestMetrics.EXPORT_BOOT3,
        "namspill.cache-ttl=0s", "namspill.ignored-threads=netns-helper-.*", "namspill.endpoint.roles=ACTUATOR",
        "management.endpoints.web.exposure.include=health,namspill,prometheus",
        "management.endpoint.health.show-details=always",
        // Boot 4 has the probes everywhere; Boot 3.5 only on Kubernetes unless this is set
        "management.endpoint.health.probes.enabled=true",
        "management.endpoint.health.group.liveness.include=livenessState,namspill" })
class NamspillHttpIntegrationTests {

    @RegisterExtension
    final LocalServerHttp server = LocalServerHttp.awaitingHealthy("health/namspill");

    @Test
    void healthIsUpWithTaskCountWhileNothingLeaked() {
        DocumentContext health = this.server.actuator().json("health");
        assertThat(health.read("$.components.namspill.status", String.class)).isEqualTo("UP");
        assertThat(health.read("$.components.namspill.details.tasks", Integer.class)).isPositive();
        assertThat(health.read("$.components.namspill.details.leakedTasks", Integer.class)).isZero();
        assertThat(health.read("$.components.namspill.details.leaks", List.class)).isEmpty();
    }

    @Test
    void aLeakTurnsHealthAndLivenessDownWithItsDetailsThenRecovers() {
        try (SpillingThread leaky = Leaks.uts("leaky-pool-1")) {
            Answer health = this.server.actuator().get("health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().read("$.status", String.class)).isEqualTo("DOWN");
            assertThat(health.json().read("$.components.namspill.status", String.class)).isEqualTo("DOWN");
            assertThat(health.json().read("$.components.namspill.details.leakedTasks", Integer.class)).isEqualTo(1);
            DocumentContext leak = Actuator.entryOf(health.json(), "$.components.namspill.details.leaks", leaky.tid());
            assertThat(leak.read("$.name", String.class)).isEqualTo("leaky-pool-1");
            assertThat(leak.read("$.namespaces", Map.class)).containsOnlyKeys("uts");
            assertThat(leak.read("$.namespaces.uts", Object.class)).isInstanceOf(Long.class);
            assertThat(leak.read("$.namespaces.uts", Long.class)).isEqualTo(Actuator.inode(leaky.tid(), "uts"));

            Answer liveness = this.server.actuator().get("health/liveness");
            assertThat(liveness.status()).isEqualTo(503);
            assertThat(liveness.json().read("$.status", String.class)).isEqualTo("DOWN");
        }
        await().untilAsserted(() -> {
            assertThat(this.server.actuator().get("health").status()).isEqualTo(200);
            assertThat(this.server.actuator().get("health/liveness").status()).isEqualTo(200);
        });
    }

    @Test
    void endpointShowsTheLeakedTaskBesideTheReference() {
        try (SpillingThread leaky = Leaks.uts("leaky-pool-2")) {
            DocumentContext report = this.server.actuator().json("namspill");
            assertThat(report.read("$.supported", Boolean.class)).isTrue();
            assertThat(report.read("$.pid", Long.class)).isEqualTo(ProcessHandle.current().pid());
            assertThat(report.read("$.uniform", Boolean.class)).isFalse();
            assertThat(report.read("$.tasks", Integer.class)).isPositive();
            long referenceUts = NamespaceLinks.ofLeader("uts");
            long leakedUts = Actuator.inode(leaky.tid(), "uts");
            assertThat(report.read("$.reference.uts", Object.class)).isInstanceOf(Long.class);
            assertThat(report.read("$.reference.uts", Long.class)).isEqualTo(referenceUts);
            assertThat(report.read("$.reference", Map.class).keySet()).contains("net", "mnt", "pid", "user", "uts");

            assertThat(report.read("$.types.uts.leakedTasks", Integer.class)).isEqualTo(1);
            assertThat(report.read("$.types.uts.namespaces[0].inode", Long.class)).isEqualTo(referenceUts);
            assertThat(report.read("$.types.uts.namespaces[0].reference", Boolean.class)).isTrue();
            List<Map<String, Object>> utsNamespaces = report.read("$.types.uts.namespaces");
            assertThat(utsNamespaces).anySatisfy(namespace -> assertThat(namespace)
                    .containsEntry("inode", leakedUts).containsEntry("tasks", 1).containsEntry("reference", false));
            assertThat(report.read("$.types.net.leakedTasks", Integer.class)).isZero();
            // every type the kernel shows, none left out
            assertThat(report.read("$.types", Map.class).keySet()).containsExactlyInAnyOrderElementsOf(kernelTypes());
            assertThat(report.read("$.reference", Map.class).keySet()).containsExactlyInAnyOrderElementsOf(kernelTypes());

            DocumentContext leak = Actuator.entryOf(report, "$.leaks", leaky.tid());
            assertThat(leak.read("$.name", String.class)).isEqualTo("leaky-pool-2");
            assertThat(leak.read("$.namespaces", Map.class)).containsOnlyKeys("uts");
            assertThat(leak.read("$.namespaces.uts", Long.class)).isEqualTo(leakedUts);
            assertThat(leak.read("$.thread.name", String.class)).isEqualTo("leaky-pool-2");
            assertThat(leak.read("$.thread.id", Long.class)).isEqualTo(leaky.thread().getId());
            assertThat(leak.read("$.thread.state", String.class)).isIn("WAITING", "TIMED_WAITING"); // parked on a latch
            assertThat(report.read("$.switched", List.class)).isNotNull();
        }
    }

    @Test
    void typeSelectorShowsOneTypeAndAnswers404ForAnUnknownType() {
        try (SpillingThread leaky = Leaks.uts("leaky-pool-3")) {
            DocumentContext uts = this.server.actuator().json("namspill/uts");
            assertThat(uts.read("$", Map.class).keySet()).containsExactly("type", "namespaces", "leakedTasks", "leaks", "note");
            assertThat(uts.read("$.type", String.class)).isEqualTo("uts");
            assertThat(uts.read("$.leakedTasks", Integer.class)).isEqualTo(1);
            assertThat(uts.read("$.namespaces", List.class)).hasSize(2);
            assertThat(Actuator.entryOf(uts, "$.leaks", leaky.tid()).read("$.name", String.class)).isEqualTo("leaky-pool-3");

            DocumentContext net = this.server.actuator().json("namspill/net");
            assertThat(net.read("$.leakedTasks", Integer.class)).isZero();
            assertThat(net.read("$.leaks", List.class)).isEmpty();

            Answer unknown = this.server.actuator().get("namspill/banana");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().read("$.type", String.class)).isEqualTo("banana");
            assertThat(unknown.json().read("$.message", String.class)).contains("'banana' is not a namespace type")
                    .contains("valid types are ").contains("uts");
            List<String> validTypes = unknown.json().read("$.validTypes");
            assertThat(validTypes).containsExactlyInAnyOrderElementsOf(kernelTypes());
            assertThat(this.server.actuator().get("namspill/network").status()).isEqualTo(404);
        }
    }

    @Test
    void prometheusHasAllThreeSeriesAndTheyRecover() {
        Privileges.assumeCanCreateNamespaces();
        List<String> quiet = samples();
        assertThat(quiet).anyMatch(line -> line.matches("namspill_tasks [0-9.E]+"));
        assertThat(quiet).contains("namspill_leaked_tasks{type=\"uts\"} 0.0", "namspill_leaked_tasks{type=\"net\"} 0.0",
                "namspill_namespaces{type=\"uts\"} 1.0");
        try (SpillingThread leaky = Leaks.uts("leaky-pool-4")) {
            assertThat(samples()).contains("namspill_leaked_tasks{type=\"uts\"} 1.0",
                    "namspill_leaked_tasks{type=\"net\"} 0.0", "namspill_namespaces{type=\"uts\"} 2.0");
        }
        await().untilAsserted(() -> assertThat(samples()).contains("namspill_leaked_tasks{type=\"uts\"} 0.0",
                "namspill_namespaces{type=\"uts\"} 1.0"));
    }

    @Test
    void ignoredThreadsNeverCountAsLeaks() {
        try (SpillingThread helper = Leaks.uts("netns-helper-1")) {
            assertThat(this.server.actuator().json("health/namspill").read("$.status", String.class)).isEqualTo("UP");
            DocumentContext report = this.server.actuator().json("namspill");
            assertThat(report.read("$.uniform", Boolean.class)).isTrue();
            assertThat(report.read("$.leaks", List.class)).isEmpty();
            // the spill was seen, only not counted as a leak
            assertThat(report.read("$.types.uts.namespaces", List.class)).hasSize(2);
            assertThat(samples()).contains("namspill_leaked_tasks{type=\"uts\"} 0.0");
        }
    }

    @Test
    void stackTracesOnlyForAnAuthenticatedUserWithTheRole() {
        try (SpillingThread leaky = Leaks.uts("leaky-pool-5")) {
            DocumentContext anonymousReport = this.server.actuator().json("namspill");
            DocumentContext anonymous = Actuator.entryOf(anonymousReport, "$.leaks", leaky.tid());
            assertThat(anonymous.read("$.thread.name", String.class)).isEqualTo("leaky-pool-5");
            assertThat(anonymous.read("$.thread", Map.class)).doesNotContainKey("stackTrace");
            // the answer says why, and which property shows them
            assertThat(anonymousReport.read("$.note", String.class)).contains("stack traces are hidden",
                    "namspill.endpoint.show-details is when-authorized", "namspill.endpoint.show-details=always");

            DocumentContext viewer = Actuator.entryOf(
                    this.server.actuator().as(NamspillTestApplication.VIEWER).json("namspill"), "$.leaks", leaky.tid());
            assertThat(viewer.read("$.thread.name", String.class)).isEqualTo("leaky-pool-5");
            assertThat(viewer.read("$.thread", Map.class)).doesNotContainKey("stackTrace");

            DocumentContext opsReport = this.server.actuator().as(NamspillTestApplication.OPS).json("namspill");
            assertThat(opsReport.read("$", Map.class)).doesNotContainKey("note");
            List<String> opsFrames = Actuator.entryOf(opsReport, "$.leaks", leaky.tid()).read("$.thread.stackTrace");
            assertThat(opsFrames).anyMatch(frame -> frame.contains("CountDownLatch.await"));

            DocumentContext opsType = this.server.actuator().as(NamspillTestApplication.OPS).json("namspill/uts");
            assertThat(Actuator.entryOf(opsType, "$.leaks", leaky.tid()).read("$.thread.stackTrace", List.class)).isNotEmpty();
            DocumentContext anonymousType = this.server.actuator().json("namspill/uts");
            assertThat(Actuator.entryOf(anonymousType, "$.leaks", leaky.tid()).read("$.thread", Map.class))
                    .doesNotContainKey("stackTrace");
            assertThat(anonymousType.read("$.note", String.class)).contains("stack traces are hidden");
        }
    }

    private List<String> samples() {
        Answer answer = this.server.actuator().get("prometheus");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body().lines().filter(line -> line.startsWith("namspill_")).toList();
    }

    /** The namespace types the kernel shows for this process: what {@code types} must cover. */
    private static List<String> kernelTypes() {
        try (Stream<Path> links = Files.list(Path.of("/proc/self/ns"))) {
            return links.map(link -> link.getFileName().toString()).toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
