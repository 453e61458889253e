package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.namspill.internal.linux.LinuxAbi;
import io.namspill.it.Actuator.Answer;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code namspill.grace-period}: a spilled task is a leak only once it stayed spilled that long;
 * and {@code namspill.endpoint.show-details=never} hides stack traces even from an authorized user.
 */
@SpringBootTest(classes = NamspillTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "namspill.cache-ttl=0s", "namspill.grace-period=1s", "namspill.endpoint.show-details=never",
        "management.endpoints.web.exposure.include=health,namspill",
        "management.endpoint.health.show-details=always" })
class NamspillGracePeriodIntegrationTests {

    @RegisterExtension
    final LocalServerHttp server = LocalServerHttp
            .awaitingNoLeakFromEarlierTests(actuator -> actuator.get("health/namspill").status() == 200);

    @Test
    void aSpillIsALeakOnlyAfterTheGracePeriod() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leaky = SpillingThread.unsharing("slow-leak-1", LinuxAbi.CLONE_NEWUTS)) {
            // The first scan that sees the spill starts its grace period: spilled, not leaked yet.
            JsonNode first = this.server.actuator().get("namspill").json();
            assertThat(first.path("uniform").asBoolean()).isFalse();
            assertThat(first.path("leaks")).isEmpty();
            assertThat(first.path("types").path("uts").path("leakedTasks").asInt()).isZero();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Answer health = this.server.actuator().get("health");
                assertThat(health.status()).isEqualTo(503);
                JsonNode details = health.json().path("components").path("namspill").path("details");
                assertThat(Actuator.entryOf(details.path("leaks"), leaky.tid()).path("name").asString())
                        .isEqualTo("slow-leak-1");
            });
        }
        await().untilAsserted(() -> assertThat(this.server.actuator().get("health").status()).isEqualTo(200));
    }

    @Test
    void neverShowsStackTracesEvenToAnAuthorizedUser() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leaky = SpillingThread.unsharing("slow-leak-2", LinuxAbi.CLONE_NEWUTS)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> this.server.actuator().get("health/namspill").status() == 503);
            JsonNode thread = Actuator.entryOf(
                    this.server.actuator().as(NamspillTestApplication.OPS).get("namspill").json().path("leaks"), leaky.tid())
                    .path("thread");
            assertThat(thread.path("name").asString()).isEqualTo("slow-leak-2");
            assertThat(thread.has("stackTrace")).isFalse();
        }
    }
}
