package io.namspill.spring.boot.autoconfigure.endpoint;

import io.namspill.monitor.NamespaceMonitor;
import io.namspill.spring.boot.autoconfigure.NamspillAutoConfiguration;
import io.namspill.spring.boot.endpoint.NamspillEndpoint;
import io.namspill.spring.boot.endpoint.NamspillEndpointWebExtension;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the {@link NamspillEndpoint} and its
 * web extension.
 *
 * <p>The properties are bound whenever the actuator is on the classpath, also while the endpoint
 * is not exposed, so that a bad {@code namspill.endpoint.*} value fails start-up at once rather
 * than on the day someone exposes the endpoint.
 */
@AutoConfiguration(after = NamspillAutoConfiguration.class)
@ConditionalOnClass({ NamspillEndpoint.class, ConditionalOnAvailableEndpoint.class })
@EnableConfigurationProperties(NamspillEndpointProperties.class)
public final class NamspillEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(NamespaceMonitor.class)
    @ConditionalOnAvailableEndpoint
    NamspillEndpoint namspillEndpoint(NamespaceMonitor monitor, NamspillEndpointProperties properties) {
        return new NamspillEndpoint(monitor, properties.getShowDetails());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(NamspillEndpoint.class)
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    NamspillEndpointWebExtension namspillEndpointWebExtension(NamspillEndpoint endpoint,
            NamspillEndpointProperties properties) {
        return new NamspillEndpointWebExtension(endpoint, properties.getShowDetails(), properties.getRoles());
    }
}
