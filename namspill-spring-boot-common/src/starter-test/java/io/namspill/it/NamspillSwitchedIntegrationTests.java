package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import io.namspill.Namespaces;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.testing.ForeignNamespaces;
import io.namspill.testing.Privileges;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

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
                assertThat(actuator.json("health/namspill").read("$.status", String.class)).isEqualTo("UP");

                DocumentContext report = actuator.json("namspill");
                assertThat(report.read("$.leaks", List.class)).isEmpty();
                assertThat(report.read("$.uniform", Boolean.class)).isTrue();
                DocumentContext entry = Actuator.entryOf(report, "$.switched", tid.get());
                assertThat(entry.read("$.name", String.class)).isEqualTo("switched-worker");
                assertThat(entry.read("$.namespaces.uts", Long.class)).isEqualTo(foreign.inode("uts"));
                assertThat(entry.read("$.thread.name", String.class)).isEqualTo("switched-worker");
                assertThat(report.read("$.types.uts.leakedTasks", Integer.class)).isZero();
                // tracing off (the default): the JSON as it always was, no trace nor origin
                assertThat(report.read("$", Map.class)).doesNotContainKey("trace");
                assertThat(entry.read("$", Map.class)).doesNotContainKey("origin");
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
