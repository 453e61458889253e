package io.namspill.spring.boot3.autoconfigure.health;

import io.namspill.monitor.NamespaceMonitor;
import io.namspill.spring.boot.autoconfigure.NamspillAutoConfiguration;
import io.namspill.spring.boot3.health.NamspillHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for {@link NamspillHealthIndicator} on
 * Spring Boot 3.5: the health contributor {@code namspill}, removed by
 * {@code management.health.namspill.enabled=false}.
 */
@AutoConfiguration(after = NamspillAutoConfiguration.class,
        beforeName = "org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration")
@ConditionalOnClass(Health.class)
@ConditionalOnEnabledHealthIndicator("namspill")
@ConditionalOnBean(NamespaceMonitor.class)
public final class NamspillHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "namspillHealthIndicator")
    NamspillHealthIndicator namspillHealthIndicator(NamespaceMonitor monitor) {
        return new NamspillHealthIndicator(monitor);
    }
}
