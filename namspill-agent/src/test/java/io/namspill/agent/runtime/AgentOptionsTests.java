package io.namspill.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentOptionsTests {

    @Test
    void noOptionsGiveTheContractsDefaults() {
        AgentOptions options = AgentOptions.parse("");

        assertThat(options.checkInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.gracePeriod()).isZero();
        assertThat(options.ignoredThreads()).isEmpty();
        assertThat(options.trace()).isFalse();
    }

    @Test
    void everyOptionIsRead() {
        AgentOptions options = AgentOptions.parse("check-interval=2m,grace-period=PT1.5S,ignored-threads=netns-.*;vpn,trace=true");

        assertThat(options.checkInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.gracePeriod()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.ignoredThreads()).map(Pattern::pattern).containsExactly("netns-.*", "vpn");
        assertThat(options.trace()).isTrue();
    }

    @Test
    void aCommaInsideARegularExpressionStaysInIt() {
        AgentOptions options = AgentOptions.parse("ignored-threads=w{1,3};x,grace-period=500ms");

        assertThat(options.ignoredThreads()).map(Pattern::pattern).containsExactly("w{1,3}", "x");
        assertThat(options.gracePeriod()).isEqualTo(Duration.ofMillis(500));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "check-interval=soon   | check-interval=soon: not a duration",
            "grace-period=-1s      | grace-period=-1s",
            "check-interval=0s     | check-interval=0: must be positive",
            "ignored-threads=(open | '(open' is no regular expression",
            "trace=yes             | trace=yes: expected true or false",
            "interval=1s           | 'interval' is unknown"})
    void badOptionsFailNamingTheOption(String options, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> AgentOptions.parse(options))
                .withMessageContaining(message);
    }
}
