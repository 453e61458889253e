package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.line.StarterLine;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;

/**
 * With the default exposure, {@code /actuator/namspill} is not reachable over HTTP, while the
 * health contributor is there (its details hidden, as Boot's default {@code show-details=never} hides them).
 */
@SpringBootTest(classes = NamspillTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class NamspillEndpointNotExposedIntegrationTests {

    @RegisterExtension
    final LocalServerHttp server = new LocalServerHttp();

    @Autowired
    private ApplicationContext context;

    @Test
    void endpointIsNotReachableUnlessExposed() {
        Actuator actuator = this.server.actuator();
        assertThat(actuator.get("namspill").status()).isEqualTo(404);
        assertThat(actuator.get("namspill/uts").status()).isEqualTo(404);
        assertThat(actuator.as(NamspillTestApplication.OPS).get("namspill").status()).isEqualTo(404);
    }

    @Test
    void healthComponentIsThereWithoutDetailsByDefault() {
        assertThat(this.context.getBeansOfType(StarterLine.HEALTH_INDICATOR)).containsOnlyKeys("namspillHealthIndicator");
        Actuator.Answer health = this.server.actuator().get("health");
        assertThat(health.json().read("$.status", String.class)).isIn("UP", "DOWN");
        assertThat(health.json().read("$", Map.class)).doesNotContainKey("components");
    }
}
