package io.namspill.spring.boot.autoconfigure.health;

import io.namspill.monitor.NamespaceMonitor;
import io.namspill.spring.boot.autoconfigure.NamspillAutoConfiguration;
import io.namspill.spring.boot.health.NamspillHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for {@link NamspillHealthIndicator}: the
 * health contributor {@code namspill}, removed by {@code management.health.namspill.enabled=false}.
 */
@AutoConfiguration(after = NamspillAutoConfiguration.class,
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
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
