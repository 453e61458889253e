package io.namspill.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class ConfigurationParametersTests {

    @Test
    void durationsTakeSimpleUnitsPlainMillisecondsAndIso8601() {
        assertThat(ConfigurationParameters.duration("k", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigurationParameters.duration("k", " 2s ")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ConfigurationParameters.duration("k", "1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(ConfigurationParameters.duration("k", "250")).isEqualTo(Duration.ofMillis(250));
        assertThat(ConfigurationParameters.duration("k", "PT1.5S")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ConfigurationParameters.duration("k", "0s")).isZero();
    }

    @Test
    void aBadDurationNamesTheParameterAndTheValue() {
        assertThatExceptionOfType(ExtensionConfigurationException.class)
                .isThrownBy(() -> ConfigurationParameters.duration("namspill.extension.settle", "soon"))
                .withMessage("Invalid JUnit configuration parameter namspill.extension.settle='soon':"
                        + " expected a duration such as 500ms, 2s or PT2S");
        assertThatExceptionOfType(ExtensionConfigurationException.class)
                .isThrownBy(() -> ConfigurationParameters.duration("namspill.extension.settle", "-PT1S"))
                .withMessageContaining("must not be negative");
    }

    @Test
    void patternsAreCommaSeparated() {
        assertThat(ConfigurationParameters.patterns("k", "netns-.*, ,holder-\\d+").stream().map(Pattern::pattern))
                .containsExactly("netns-.*", "holder-\\d+");
    }

    @Test
    void aBadPatternNamesTheParameterAndThePattern() {
        assertThatExceptionOfType(ExtensionConfigurationException.class)
                .isThrownBy(() -> ConfigurationParameters.patterns("namspill.extension.ignored-threads", "ok,([bad"))
                .withMessageStartingWith("Invalid JUnit configuration parameter namspill.extension.ignored-threads='ok,([bad':"
                        + " Invalid pattern '([bad'");
    }

    @Test
    void booleansAreTrueOrFalseOnly() {
        assertThat(ConfigurationParameters.bool("k", "TRUE")).isTrue();
        assertThat(ConfigurationParameters.bool("k", "false")).isFalse();
        assertThatExceptionOfType(ExtensionConfigurationException.class)
                .isThrownBy(() -> ConfigurationParameters.bool("namspill.extension.fail-when-unsupported", "yes"))
                .withMessageContaining("namspill.extension.fail-when-unsupported='yes': expected true or false");
    }
}
