package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import io.namspill.it.Actuator.Answer;
import io.namspill.testing.SpillingThread;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

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
    final LocalServerHttp server = LocalServerHttp.awaitingHealthy("health/namspill");

    @Test
    void aSpillIsALeakOnlyAfterTheGracePeriod() {
        try (SpillingThread leaky = Leaks.uts("slow-leak-1")) {
            // The first scan that sees the spill starts its grace period: spilled, not leaked yet.
            DocumentContext first = this.server.actuator().json("namspill");
            assertThat(first.read("$.uniform", Boolean.class)).isFalse();
            assertThat(first.read("$.leaks", List.class)).isEmpty();
            assertThat(first.read("$.types.uts.leakedTasks", Integer.class)).isZero();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Answer health = this.server.actuator().get("health");
                assertThat(health.status()).isEqualTo(503);
                assertThat(Actuator.entryOf(health.json(), "$.components.namspill.details.leaks", leaky.tid())
                        .read("$.name", String.class)).isEqualTo("slow-leak-1");
            });
        }
        await().untilAsserted(() -> assertThat(this.server.actuator().get("health").status()).isEqualTo(200));
    }

    @Test
    void neverShowsStackTracesEvenToAnAuthorizedUser() {
        try (SpillingThread leaky = Leaks.uts("slow-leak-2")) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> this.server.actuator().get("health/namspill").status() == 503);
            DocumentContext leak = Actuator.entryOf(this.server.actuator().as(NamspillTestApplication.OPS).json("namspill"),
                    "$.leaks", leaky.tid());
            assertThat(leak.read("$.thread.name", String.class)).isEqualTo("slow-leak-2");
            assertThat(leak.read("$.thread", Map.class)).doesNotContainKey("stackTrace");
        }
    }
}
