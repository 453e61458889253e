package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.namspill.internal.linux.LinuxAbi;
import io.namspill.it.Actuator.Answer;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    final LocalServerHttp server = LocalServerHttp
            .awaitingNoLeakFromEarlierTests(actuator -> actuator.get("health/namspill").status() == 200);

    @Test
    void healthIsUpWithTaskCountWhileNothingLeaked() {
        Answer health = this.server.actuator().get("health");
        assertThat(health.status()).isEqualTo(200);
        JsonNode namspill = health.json().path("components").path("namspill");
        assertThat(namspill.path("status").asString()).isEqualTo("UP");
        assertThat(namspill.path("details").path("tasks").asInt()).isPositive();
        assertThat(namspill.path("details").path("leakedTasks").asInt()).isZero();
        assertThat(namspill.path("details").path("leaks").isArray()).isTrue();
        assertThat(namspill.path("details").path("leaks")).isEmpty();
    }

    @Test
    void aLeakTurnsHealthAndLivenessDownWithItsDetailsThenRecovers() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leaky = SpillingThread.unsharing("leaky-pool-1", LinuxAbi.CLONE_NEWUTS)) {
            Answer health = this.server.actuator().get("health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().path("status").asString()).isEqualTo("DOWN");
            JsonNode namspill = health.json().path("components").path("namspill");
            assertThat(namspill.path("status").asString()).isEqualTo("DOWN");
            assertThat(namspill.path("details").path("leakedTasks").asInt()).isEqualTo(1);
            JsonNode leak = Actuator.entryOf(namspill.path("details").path("leaks"), leaky.tid());
            assertThat(leak.path("name").asString()).isEqualTo("leaky-pool-1");
            assertThat(leak.path("namespaces").propertyNames()).containsExactly("uts");
            assertThat(leak.path("namespaces").path("uts").isIntegralNumber()).isTrue();
            assertThat(leak.path("namespaces").path("uts").asLong()).isEqualTo(Actuator.inode(leaky.tid(), "uts"));

            Answer liveness = this.server.actuator().get("health/liveness");
            assertThat(liveness.status()).isEqualTo(503);
            assertThat(liveness.json().path("status").asString()).isEqualTo("DOWN");
        }
        await().untilAsserted(() -> {
            assertThat(this.server.actuator().get("health").status()).isEqualTo(200);
            assertThat(this.server.actuator().get("health/liveness").status()).isEqualTo(200);
        });
    }

    @Test
    void endpointShowsTheLeakedTaskBesideTheReference() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leaky = SpillingThread.unsharing("leaky-pool-2", LinuxAbi.CLONE_NEWUTS)) {
            Answer answer = this.server.actuator().get("namspill");
            assertThat(answer.status()).isEqualTo(200);
            JsonNode report = answer.json();
            assertThat(report.path("supported").asBoolean()).isTrue();
            assertThat(report.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
            assertThat(report.path("uniform").asBoolean()).isFalse();
            assertThat(report.path("tasks").asInt()).isPositive();
            long referenceUts = NamespaceLinks.ofLeader("uts");
            long leakedUts = Actuator.inode(leaky.tid(), "uts");
            assertThat(report.path("reference").path("uts").isIntegralNumber()).isTrue();
            assertThat(report.path("reference").path("uts").asLong()).isEqualTo(referenceUts);
            assertThat(report.path("reference").propertyNames()).contains("net", "mnt", "pid", "user", "uts");

            JsonNode uts = report.path("types").path("uts");
            assertThat(uts.path("leakedTasks").asInt()).isEqualTo(1);
            assertThat(uts.path("namespaces").get(0).path("inode").asLong()).isEqualTo(referenceUts);
            assertThat(uts.path("namespaces").get(0).path("reference").asBoolean()).isTrue();
            assertThat(uts.path("namespaces").values()).anySatisfy(namespace -> {
                assertThat(namespace.path("inode").asLong()).isEqualTo(leakedUts);
                assertThat(namespace.path("tasks").asInt()).isEqualTo(1);
                assertThat(namespace.path("reference").asBoolean()).isFalse();
            });
            assertThat(report.path("types").path("net").path("leakedTasks").asInt()).isZero();
            // every type the kernel shows, none left out
            assertThat(report.path("types").propertyNames()).containsExactlyInAnyOrderElementsOf(kernelTypes());
            assertThat(report.path("reference").propertyNames()).containsExactlyInAnyOrderElementsOf(kernelTypes());

            JsonNode leak = Actuator.entryOf(report.path("leaks"), leaky.tid());
            assertThat(leak.path("name").asString()).isEqualTo("leaky-pool-2");
            assertThat(leak.path("namespaces").propertyNames()).containsExactly("uts");
            assertThat(leak.path("namespaces").path("uts").asLong()).isEqualTo(leakedUts);
            assertThat(leak.path("thread").path("name").asString()).isEqualTo("leaky-pool-2");
            assertThat(leak.path("thread").path("id").asLong()).isEqualTo(leaky.thread().getId());
            assertThat(leak.path("thread").path("state").asString()).isIn("WAITING", "TIMED_WAITING"); // parked on a latch
            assertThat(report.path("switched").isArray()).isTrue();
        }
    }

    @Test
    void typeSelectorShowsOneTypeAndAnswers404ForAnUnknownType() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leaky = SpillingThread.unsharing("leaky-pool-3", LinuxAbi.CLONE_NEWUTS)) {
            Answer uts = this.server.actuator().get("namspill/uts");
            assertThat(uts.status()).isEqualTo(200);
            assertThat(uts.json().propertyNames()).containsExactly("type", "namespaces", "leakedTasks", "leaks", "note");
            assertThat(uts.json().path("type").asString()).isEqualTo("uts");
            assertThat(uts.json().path("leakedTasks").asInt()).isEqualTo(1);
            assertThat(uts.json().path("namespaces")).hasSize(2);
            assertThat(Actuator.entryOf(uts.json().path("leaks"), leaky.tid()).path("name").asString())
                    .isEqualTo("leaky-pool-3");

            Answer net = this.server.actuator().get("namspill/net");
            assertThat(net.status()).isEqualTo(200);
            assertThat(net.json().path("leakedTasks").asInt()).isZero();
            assertThat(net.json().path("leaks")).isEmpty();

            Answer unknown = this.server.actuator().get("namspill/banana");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().path("type").asString()).isEqualTo("banana");
            assertThat(unknown.json().path("message").asString()).contains("'banana' is not a namespace type")
                    .contains("valid types are ").contains("uts");
            assertThat(unknown.json().path("validTypes").values()).extracting(JsonNode::asString)
                    .containsExactlyInAnyOrderElementsOf(kernelTypes());
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
        try (SpillingThread leaky = SpillingThread.unsharing("leaky-pool-4", LinuxAbi.CLONE_NEWUTS)) {
            assertThat(samples()).contains("namspill_leaked_tasks{type=\"uts\"} 1.0",
                    "namspill_leaked_tasks{type=\"net\"} 0.0", "namspill_namespaces{type=\"uts\"} 2.0");
        }
        await().untilAsserted(() -> assertThat(samples()).contains("namspill_leaked_tasks{type=\"uts\"} 0.0",
                "namspill_namespaces{type=\"uts\"} 1.0"));
    }

    @Test
    void ignoredThreadsNeverCountAsLeaks() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread helper = SpillingThread.unsharing("netns-helper-1", LinuxAbi.CLONE_NEWUTS)) {
            Answer health = this.server.actuator().get("health/namspill");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asString()).isEqualTo("UP");
            JsonNode report = this.server.actuator().get("namspill").json();
            assertThat(report.path("uniform").asBoolean()).isTrue();
            assertThat(report.path("leaks")).isEmpty();
            // the spill was seen, only not counted as a leak
            assertThat(report.path("types").path("uts").path("namespaces")).hasSize(2);
            assertThat(samples()).contains("namspill_leaked_tasks{type=\"uts\"} 0.0");
        }
    }

    @Test
    void stackTracesOnlyForAnAuthenticatedUserWithTheRole() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leaky = SpillingThread.unsharing("leaky-pool-5", LinuxAbi.CLONE_NEWUTS)) {
            Answer anonymousAnswer = this.server.actuator().get("namspill");
            JsonNode anonymous = threadOf(anonymousAnswer, leaky.tid());
            assertThat(anonymous.path("name").asString()).isEqualTo("leaky-pool-5");
            assertThat(anonymous.has("stackTrace")).isFalse();
            // the answer says why, and which property shows them
            assertThat(anonymousAnswer.json().path("note").asString()).contains("stack traces are hidden",
                    "namspill.endpoint.show-details is when-authorized", "namspill.endpoint.show-details=always");

            JsonNode viewer = threadOf(this.server.actuator().as(NamspillTestApplication.VIEWER).get("namspill"), leaky.tid());
            assertThat(viewer.path("name").asString()).isEqualTo("leaky-pool-5");
            assertThat(viewer.has("stackTrace")).isFalse();

            Answer opsAnswer = this.server.actuator().as(NamspillTestApplication.OPS).get("namspill");
            assertThat(opsAnswer.json().has("note")).isFalse();
            JsonNode ops = threadOf(opsAnswer, leaky.tid());
            assertThat(ops.path("stackTrace").values()).extracting(JsonNode::asString)
                    .anyMatch(frame -> frame.contains("CountDownLatch.await"));

            JsonNode opsType = this.server.actuator().as(NamspillTestApplication.OPS).get("namspill/uts").json();
            assertThat(Actuator.entryOf(opsType.path("leaks"), leaky.tid()).path("thread").path("stackTrace")).isNotEmpty();
            JsonNode anonymousType = this.server.actuator().get("namspill/uts").json();
            assertThat(Actuator.entryOf(anonymousType.path("leaks"), leaky.tid()).path("thread").has("stackTrace")).isFalse();
            assertThat(anonymousType.path("note").asString()).contains("stack traces are hidden");
        }
    }

    private static JsonNode threadOf(Answer answer, int tid) {
        assertThat(answer.status()).isEqualTo(200);
        return Actuator.entryOf(answer.json().path("leaks"), tid).path("thread");
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
