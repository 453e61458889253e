package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.internal.linux.LinuxAbi;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;

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
            .awaitingNoLeakFromEarlierTests(actuator -> actuator.get("namspill").json().path("leaks").isEmpty());

    @Test
    void alwaysShowsStackTracesToAnonymousCallers() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leaky = SpillingThread.unsharing("shown-leak", LinuxAbi.CLONE_NEWUTS)) {
            JsonNode thread = Actuator.entryOf(this.server.actuator().get("namspill").json().path("leaks"), leaky.tid())
                    .path("thread");
            assertThat(thread.path("stackTrace").values()).extracting(JsonNode::asString)
                    .anyMatch(frame -> frame.contains("CountDownLatch.await"));
            // Additive to the contract's thread object: which way named it (parked, so its CPU time did).
            assertThat(thread.path("namedBy").asString()).isEqualTo("cpu-time");
            assertThat(thread.path("name").asString()).isEqualTo("shown-leak");
        }
    }

    @Test
    void healthIsNotExposedHereSoNeitherIsAnythingElse() {
        // exposure.include=namspill replaces the default (health): only namspill answers.
        assertThat(this.server.actuator().get("namspill").status()).isEqualTo(200);
        assertThat(this.server.actuator().get("health").status()).isEqualTo(404);
    }
}
