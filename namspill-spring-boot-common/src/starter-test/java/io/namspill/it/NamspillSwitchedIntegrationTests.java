package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.namspill.Namespaces;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.testing.ForeignNamespaces;
import io.namspill.testing.Privileges;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A thread inside a switch made through {@link Namespaces#call} is <em>switched</em>, not leaked:
 * health stays UP and the endpoint lists it under {@code switched}, not {@code leaks}.
 */
@SpringBootTest(classes = NamspillTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "namspill.cache-ttl=0s", "management.endpoints.web.exposure.include=health,namspill",
        "management.endpoint.health.show-details=always" })
class NamspillSwitchedIntegrationTests {

    @RegisterExtension
    final LocalServerHttp server = new LocalServerHttp();

    @Test
    void aThreadInsideTheSwitchingApiIsSwitchedAndHealthStaysUp() throws Exception {
        Privileges.assumeCanRestoreNamespaces();
        Actuator actuator = this.server.actuator();
        await().until(() -> actuator.get("health/namspill").status() == 200);
        try (ForeignNamespaces foreign = ForeignNamespaces.start("--uts")) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger tid = new AtomicInteger();
            CompletableFuture<Long> switched = new CompletableFuture<>();
            Thread worker = new Thread(() -> {
                try {
                    switched.complete(Namespaces.call(foreign.namespace("uts"), () -> {
                        tid.set(LinuxNative.gettid());
                        inside.countDown();
                        release.await();
                        return foreign.inode("uts");
                    }));
                }
                catch (Throwable ex) {
                    switched.completeExceptionally(ex);
                    inside.countDown();
                }
            }, "switched-worker");
            worker.start();
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
            try {
                Actuator.Answer health = actuator.get("health/namspill");
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.json().path("status").asString()).isEqualTo("UP");

                JsonNode report = actuator.get("namspill").json();
                assertThat(report.path("leaks")).isEmpty();
                assertThat(report.path("uniform").asBoolean()).isTrue();
                JsonNode entry = Actuator.entryOf(report.path("switched"), tid.get());
                assertThat(entry.path("name").asString()).isEqualTo("switched-worker");
                assertThat(entry.path("namespaces").path("uts").asLong()).isEqualTo(foreign.inode("uts"));
                assertThat(entry.path("thread").path("name").asString()).isEqualTo("switched-worker");
                assertThat(report.path("types").path("uts").path("leakedTasks").asInt()).isZero();
                // tracing off (the default): the JSON as it always was, no trace nor origin
                assertThat(report.has("trace")).isFalse();
                assertThat(entry.has("origin")).isFalse();
            }
            finally {
                release.countDown();
                worker.join(30_000);
            }
            assertThat(switched.get(30, TimeUnit.SECONDS)).isEqualTo(foreign.inode("uts"));
        }
        assertThat(actuator.get("health/namspill").status()).isEqualTo(200);
    }
}
