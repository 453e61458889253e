package io.namspill.spring.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.spring.boot.autoconfigure.NamspillAutoConfiguration;
import io.namspill.micrometer.NamspillMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for {@link NamspillMetrics} (module
 * {@code namspill-micrometer}, which the starter brings), bound to the application's meter
 * registries by Spring Boot's metrics auto-configuration.
 *
 * <p>The same on both Spring Boot lines, which differ only in where their metrics
 * auto-configuration lives: it is ordered after both (a name missing on the running line is
 * ignored).
 */
@AutoConfiguration(after = NamspillAutoConfiguration.class, afterName = {
        // Spring Boot 4
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        // Spring Boot 3.5
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, NamspillMetrics.class })
@ConditionalOnBean({ MeterRegistry.class, NamespaceMonitor.class })
public final class NamspillMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    NamspillMetrics namspillMetrics(NamespaceMonitor monitor) {
        return new NamspillMetrics(monitor);
    }
}
