package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What a user sees when a {@code namspill.*} value is bad: the application does not start, and
 * Spring Boot's failure analysis names the property, the value and what is accepted.
 */
@ExtendWith(OutputCaptureExtension.class)
class NamspillStartupFailureTests {

    @Test
    void badShowDetailsListsTheValidValues(CapturedOutput output) {
        assertStartupFails("namspill.endpoint.show-details=sometimes");
        assertThat(output).contains("Property: namspill.endpoint.show-details", "Value: \"sometimes\"",
                "The following values are valid:", "ALWAYS", "NEVER", "WHEN_AUTHORIZED");
    }

    @Test
    void unknownTypeListsTheValidTypes(CapturedOutput output) {
        assertStartupFails("namspill.types=netw");
        assertThat(output).contains("Property: namspill.types", "Value: \"netw\"",
                "namspill.types contains 'netw', which is not a namespace type; valid types are cgroup, ipc, mnt, net,");
    }

    @Test
    void unparsableDurationNamesThePropertyAndTheValue(CapturedOutput output) {
        assertStartupFails("namspill.cache-ttl=often");
        assertThat(output).contains("Property: namspill.cache-ttl", "Value: \"often\"",
                "'often' is not a valid duration");
    }

    private static void assertStartupFails(String property) {
        assertThatException().isThrownBy(() -> new SpringApplicationBuilder(NamspillTestApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("server.port=0", property)
                .run()
                .close());
    }
}
