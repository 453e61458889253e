package io.namspill.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.spring.boot.autoconfigure.endpoint.NamspillEndpointAutoConfiguration;
import io.namspill.spring.boot.autoconfigure.endpoint.NamspillEndpointProperties;
import java.time.Duration;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Binding and validation of the {@code namspill.*} properties: every bad value fails start-up
 * with a message naming the property and what it accepts.
 */
class NamspillPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(NamspillAutoConfiguration.class, NamspillEndpointAutoConfiguration.class));

    @Test
    void defaults() {
        this.runner.run(context -> {
            NamspillProperties properties = context.getBean(NamspillProperties.class);
            assertThat(properties.getTypes()).isEmpty();
            assertThat(properties.getIgnoredThreads()).isEmpty();
            assertThat(properties.ignoredThreadPatterns()).isEmpty();
            assertThat(properties.getGracePeriod()).isEqualTo(Duration.ZERO);
            assertThat(properties.getCacheTtl()).isEqualTo(Duration.ofSeconds(1));
            assertThat(properties.getCheckInterval()).isEqualTo(Duration.ofSeconds(30));
            NamspillEndpointProperties endpoint = context.getBean(NamspillEndpointProperties.class);
            assertThat(endpoint.getShowDetails()).isEqualTo(Show.WHEN_AUTHORIZED);
            assertThat(endpoint.getRoles()).isEmpty();
        });
    }

    @Test
    void bindsEveryProperty() {
        this.runner.withPropertyValues("namspill.types=net, uts", "namspill.ignored-threads=netns-.*,grpc-[0-9]+",
                "namspill.grace-period=30s", "namspill.cache-ttl=250ms", "namspill.check-interval=2m",
                "namspill.endpoint.show-details=always",
                "namspill.endpoint.roles=ops,admin").run(context -> {
                    NamspillProperties properties = context.getBean(NamspillProperties.class);
                    assertThat(properties.getTypes()).containsExactly("net", "uts");
                    assertThat(properties.ignoredThreadPatterns()).extracting(Object::toString)
                            .containsExactly("netns-.*", "grpc-[0-9]+");
                    assertThat(properties.getGracePeriod()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(properties.getCacheTtl()).isEqualTo(Duration.ofMillis(250));
                    assertThat(properties.getCheckInterval()).isEqualTo(Duration.ofMinutes(2));
                    NamspillEndpointProperties endpoint = context.getBean(NamspillEndpointProperties.class);
                    assertThat(endpoint.getShowDetails()).isEqualTo(Show.ALWAYS);
                    assertThat(endpoint.getRoles()).containsExactlyInAnyOrder("ops", "admin");
                });
    }

    @Test
    void acceptsEveryKnownTypeEvenWhereTheKernelLacksIt() {
        this.runner.withPropertyValues("namspill.types=cgroup,ipc,mnt,net,pid,pid_for_children,time,time_for_children,user,uts")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void unknownTypeFailsNamingThePropertyAndTheValidTypes() {
        this.runner.withPropertyValues("namspill.types=net,network").run(context -> assertFailure(context)
                .hasRootCauseMessage("namspill.types contains 'network', which is not a namespace type; valid types are "
                        + "cgroup, ipc, mnt, net, pid, pid_for_children, time, time_for_children, user, uts"));
    }

    @Test
    void upperCaseTypeFails() {
        this.runner.withPropertyValues("namspill.types=NET")
                .run(context -> assertFailure(context).rootCause().hasMessageStartingWith("namspill.types contains 'NET'"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "namspill.ignored-threads | ok-.*,worker-(           | worker-(     | Unclosed group",
            "namspill.ignored-origins | com\\.example\\..*,Netns.enter[ | Netns.enter[ | Unclosed character class" })
    void invalidRegularExpressionFailsNamingThePropertyAndTheExpression(String property, String value, String invalid,
            String problem) {
        this.runner.withPropertyValues(property + "=" + value)
                .run(context -> assertFailure(context).rootCause().hasMessageStartingWith(property + " contains '" + invalid
                        + "', which is not a valid regular expression (java.util.regex.Pattern): " + problem));
    }

    @Test
    void originsAndTraceAreBoundFromTheProperties() {
        this.runner.withPropertyValues("namspill.ignored-origins=com\\.example\\.Netns\\.enter")
                .run(context -> {
                    NamspillProperties properties = context.getBean(NamspillProperties.class);
                    assertThat(properties.ignoredOriginPatterns()).extracting(Pattern::pattern)
                            .containsExactly("com\\.example\\.Netns\\.enter");
                    assertThat(properties.getTrace().isEnabled()).isFalse();
                });
    }

    @ParameterizedTest
    @CsvSource({ "namspill.grace-period, -1s, PT-1S", "namspill.cache-ttl, -5ms, PT-0.005S",
            "namspill.check-interval, -1s, PT-1S" })
    void negativeDurationFails(String property, String value, String parsed) {
        this.runner.withPropertyValues(property + "=" + value).run(context -> assertFailure(context).hasRootCauseMessage(
                property + " must be a duration of zero or more (such as 0s, 500ms or 30s), was " + parsed));
    }

    @Test
    void zeroCheckIntervalTurnsTheBackgroundCheckOff() {
        this.runner.withPropertyValues("namspill.check-interval=0s")
                .run(context -> assertThat(context.getBean(NamspillProperties.class).getCheckInterval()).isZero());
    }

    @Test
    void unparsableDurationFailsNamingThePropertyAndTheValue() {
        this.runner.withPropertyValues("namspill.grace-period=soon").run(context -> {
            assertThat(bindFailure(context)).hasMessageContaining("namspill.grace-period");
            assertFailure(context).rootCause().hasMessageContaining("'soon' is not a valid duration");
        });
        this.runner.withPropertyValues("namspill.cache-ttl=1 s").run(context -> {
            assertThat(bindFailure(context)).hasMessageContaining("namspill.cache-ttl");
            assertFailure(context).rootCause().hasMessageContaining("'1 s' is not a valid duration");
        });
    }

    @Test
    void badShowDetailsFailsNamingThePropertyAndTheValue() {
        this.runner.withPropertyValues("namspill.endpoint.show-details=sometimes").run(context -> {
            assertThat(bindFailure(context)).hasMessageContaining("namspill.endpoint.show-details")
                    .hasMessageContaining(Show.class.getName());
            assertFailure(context).rootCause().hasMessageContaining("sometimes");
        });
    }

    @Test
    void badShowDetailsFailsEvenWhileTheEndpointIsNotExposed() {
        this.runner.withPropertyValues("namspill.endpoint.show-details=yes", "management.endpoint.namspill.access=NONE")
                .run(context -> assertThat(context).hasFailed());
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertFailure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        return assertThat(context.getStartupFailure());
    }

    private static BindException bindFailure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable cause = context.getStartupFailure();
        while (cause != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a BindException in the failure chain").isNotNull();
        return (BindException) cause;
    }
}
