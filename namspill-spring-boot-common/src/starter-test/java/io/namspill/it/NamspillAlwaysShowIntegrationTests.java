package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import io.namspill.testing.SpillingThread;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * {@code namspill.endpoint.show-details=always} shows stack traces to anyone; the endpoint is not
 * reachable while it is not exposed.
 */
@SpringBootTest(classes = NamspillTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "namspill.cache-ttl=0s", "namspill.endpoint.show-details=always",
        "management.endpoints.web.exposure.include=namspill" })
class NamspillAlwaysShowIntegrationTests {

    @RegisterExtension
    final LocalServerHttp server = LocalServerHttp
            .awaitingNoLeakFromEarlierTests(actuator -> actuator.get("namspill").json().read("$.leaks", List.class).isEmpty());

    @Test
    void alwaysShowsStackTracesToAnonymousCallers() {
        try (SpillingThread leaky = Leaks.uts("shown-leak")) {
            DocumentContext leak = Actuator.entryOf(this.server.actuator().json("namspill"), "$.leaks", leaky.tid());
            List<String> frames = leak.read("$.thread.stackTrace");
            assertThat(frames).anyMatch(frame -> frame.contains("CountDownLatch.await"));
            // Additive to the contract's thread object: which way named it (parked, so its CPU time did).
            assertThat(leak.read("$.thread.namedBy", String.class)).isEqualTo("cpu-time");
            assertThat(leak.read("$.thread.name", String.class)).isEqualTo("shown-leak");
        }
    }

    @Test
    void healthIsNotExposedHereSoNeitherIsAnythingElse() {
        // exposure.include=namspill replaces the default (health): only namspill answers.
        assertThat(this.server.actuator().get("namspill").status()).isEqualTo(200);
        assertThat(this.server.actuator().get("health").status()).isEqualTo(404);
    }
}
