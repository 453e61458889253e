package io.namspill.line;

import io.namspill.monitor.NamespaceMonitor;
import io.namspill.spring.boot.autoconfigure.NamspillAutoConfiguration;
import io.namspill.spring.boot.autoconfigure.SpringBootLine;
import io.namspill.spring.boot.autoconfigure.endpoint.NamspillEndpointAutoConfiguration;
import io.namspill.spring.boot3.autoconfigure.health.NamspillHealthContributorAutoConfiguration;
import io.namspill.spring.boot3.autoconfigure.line.Boot3LineCheck;
import io.namspill.spring.boot.autoconfigure.metrics.NamspillMetricsAutoConfiguration;
import io.namspill.spring.boot3.health.NamspillHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the shared starter tests ({@code namspill-spring-boot-common/src/starter-test}) need to
 * know of the Spring Boot line they run on: here Boot 3.5 and {@code namspill-spring-boot3-starter}.
 * The Boot 4 starter's tests have a class of the same name and members.
 */
public final class StarterLine {

    /** The line these tests run on. */
    public static final SpringBootLine LINE = SpringBootLine.BOOT_3;

    /** Every namspill auto-configuration of this starter. */
    public static final AutoConfigurations NAMSPILL = AutoConfigurations.of(NamspillAutoConfiguration.class,
            NamspillHealthContributorAutoConfiguration.class, NamspillMetricsAutoConfiguration.class,
            NamspillEndpointAutoConfiguration.class);

    /** Spring Boot's health contributor registry. */
    public static final AutoConfigurations HEALTH = AutoConfigurations.of(HealthContributorAutoConfiguration.class);

    /** Spring Boot's metrics: a simple registry that binds every {@code MeterBinder}. */
    public static final AutoConfigurations METRICS = AutoConfigurations.of(MetricsAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class);

    /** This line's namspill health indicator. */
    public static final Class<?> HEALTH_INDICATOR = NamspillHealthIndicator.class;

    /** A class of Spring Boot's health API: hiding it hides the health support. */
    public static final Class<?> HEALTH_API = Health.class;

    private StarterLine() {
    }

    /** This starter's own start-up check, as its {@code spring.factories} registers it. */
    public static ApplicationContextInitializer<?> ownLineCheck() {
        return new Boot3LineCheck();
    }

    /** The namspill health indicator of this line on {@code monitor}. */
    public static Object healthIndicator(NamespaceMonitor monitor) {
        return new NamspillHealthIndicator(monitor);
    }

    /** What a health indicator bean of this line answers. */
    public static HealthView health(Object indicator) {
        Health health = ((HealthIndicator) indicator).health();
        return new HealthView(health.getStatus().getCode(), health.getDetails());
    }

    /** The auto-configurations imported as an application's {@code @EnableAutoConfiguration} would. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ NamspillAutoConfiguration.class, NamspillHealthContributorAutoConfiguration.class,
            NamspillMetricsAutoConfiguration.class, NamspillEndpointAutoConfiguration.class })
    public static class NamspillImportedAsAnApplicationDoes {

    }

    /** A user's own {@code namspillHealthIndicator} bean (detail {@code user: true}). */
    @Configuration(proxyBeanMethods = false)
    public static class UserHealthIndicatorConfiguration {

        @Bean
        HealthIndicator namspillHealthIndicator() {
            return () -> Health.up().withDetail("user", true).build();
        }
    }
}
