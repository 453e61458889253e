package io.namspill.spring.boot.autoconfigure;

import io.namspill.Namspill;
import io.namspill.monitor.LeakListener;
import io.namspill.monitor.MonitorOwner;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.report.SpillOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the {@link NamespaceMonitor} that the
 * namspill health indicator, metrics and endpoint share: one scan per
 * {@code namspill.cache-ttl}, run on the monitor's own thread, which also checks on its own every
 * {@code namspill.check-interval} that nobody else caused a scan. With {@code namspill.trace.enabled}
 * it starts the origin trace first.
 */
@AutoConfiguration
@EnableConfigurationProperties(NamspillProperties.class)
public final class NamspillAutoConfiguration {

    /**
     * The shared monitor. Built during start-up, on a thread in the process's own namespaces,
     * which is where the monitor starts its scan thread. Leaks are logged, and told to every
     * {@link LeakListener} bean of the application, in their order.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    NamespaceMonitor namspillMonitor(NamspillProperties properties, ObjectProvider<LeakListener> leakListeners) {
        if (properties.getTrace().isEnabled()) {
            // Never throws: where the trace cannot run, its status says why (the endpoint shows it).
            Namspill.enableTrace();
        }
        SpillOptions options = SpillOptions.defaults()
                .withTypes(properties.getTypes())
                .withIgnoredThreads(properties.ignoredThreadPatterns())
                .withIgnoredOrigins(properties.ignoredOriginPatterns());
        NamespaceMonitor.Builder monitor = NamespaceMonitor.builder()
                .options(options)
                .gracePeriod(properties.getGracePeriod())
                .cacheTtl(properties.getCacheTtl())
                .checkInterval(properties.getCheckInterval())
                .listener(new LoggingLeakListener());
        leakListeners.orderedStream().forEach(monitor::listener);
        // A namspill agent in this JVM sees the mark and leaves the monitoring to this one.
        MonitorOwner.claim(MonitorOwner.SPRING_BOOT_STARTER);
        return monitor.build();
    }
}
