package io.namspill.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.line.StarterLine;
import io.namspill.micrometer.NamspillMetrics;
import io.namspill.monitor.LeakListener;
import io.namspill.monitor.MonitorOwner;
import io.namspill.monitor.MonitorResult;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.report.SpilledTask;
import io.namspill.snapshot.TaskId;
import io.namspill.spring.boot.endpoint.NamspillEndpoint;
import io.namspill.spring.boot.endpoint.NamspillEndpointWebExtension;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Conditions and back-offs of the four namspill auto-configurations, on the Spring Boot line
 * of {@link StarterLine}.
 */
@ExtendWith(OutputCaptureExtension.class)
class NamspillAutoConfigurationTests {

    static final AutoConfigurations NAMSPILL = StarterLine.NAMSPILL;

    static final AutoConfigurations METRICS = StarterLine.METRICS;

    private static final Class<?> HEALTH_INDICATOR = StarterLine.HEALTH_INDICATOR;

    /**
     * The actuator's packages, and from Boot 4 on those of its health and metrics jars: hiding a
     * package the line does not have is harmless.
     */
    private static final String[] ACTUATOR_PACKAGES = { "org.springframework.boot.actuate",
            "org.springframework.boot.health", "org.springframework.boot.micrometer", "io.micrometer" };

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(NAMSPILL)
            .withConfiguration(StarterLine.HEALTH)
            .withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class))
            .withConfiguration(METRICS);

    @Test
    void providesOneSharedMonitorForHealthAndMetrics() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(NamespaceMonitor.class)
                    .hasSingleBean(HEALTH_INDICATOR)
                    .hasSingleBean(NamspillMetrics.class)
                    .hasBean("namspillHealthIndicator");
            NamespaceMonitor monitor = context.getBean(NamespaceMonitor.class);
            assertThat(monitor.current().isSupported()).isTrue();
            assertThat(context.getBean(MeterRegistry.class).get("namspill.tasks").gauge().value()).isPositive();
        });
    }

    @Test
    void theScanTimerCountsTheScanWhoseResultTheFirstScrapesRead() {
        // Boot binds the binder at the end of start-up; with a long cache TTL that binding's scan
        // serves every read until the TTL ends, so it must be the one the timer counts.
        this.runner.withPropertyValues("namspill.cache-ttl=1h").run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("namspill.tasks").gauge().value()).isPositive();
            assertThat(registry.get("namspill.scan").timer().count()).isEqualTo(1);
            assertThat(context.getBean(NamespaceMonitor.class).scanCount()).isEqualTo(1);
        });
    }

    @Test
    void closesTheMonitorWithTheContext() {
        NamespaceMonitor[] monitor = new NamespaceMonitor[1];
        this.runner.withPropertyValues("namspill.cache-ttl=0s")
                .run(context -> monitor[0] = context.getBean(NamespaceMonitor.class));
        assertThat(monitor[0].current().unsupportedReason()).hasValue("the monitor is closed");
    }

    @Test
    void backsOffWhenTheUserDefinesAMonitor() {
        this.runner.withUserConfiguration(UserMonitorConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(NamespaceMonitor.class).hasBean("userMonitor");
            assertThat(StarterLine.health(context.getBean(HEALTH_INDICATOR))).isNotNull();
        });
    }

    @Test
    void healthIndicatorBacksOffWhenTheUserDefinesOneOfTheSameName() {
        this.runner.withUserConfiguration(StarterLine.UserHealthIndicatorConfiguration.class).run(context -> {
            assertThat(context).doesNotHaveBean(HEALTH_INDICATOR);
            assertThat(StarterLine.health(context.getBean("namspillHealthIndicator")).details())
                    .containsEntry("user", true);
        });
    }

    @Test
    void healthIndicatorCanBeDisabled() {
        this.runner.withPropertyValues("management.health.namspill.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(NamespaceMonitor.class)
                        .doesNotHaveBean(HEALTH_INDICATOR));
    }

    @Test
    void healthIndicatorFollowsTheDefaultsSetting() {
        this.runner.withPropertyValues("management.health.defaults.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(HEALTH_INDICATOR));
        this.runner.withPropertyValues("management.health.defaults.enabled=false", "management.health.namspill.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(HEALTH_INDICATOR));
    }

    @Test
    void metricsBackOffWithoutAMeterRegistry() {
        new ApplicationContextRunner().withConfiguration(NAMSPILL)
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(NamspillMetrics.class)
                        .hasSingleBean(HEALTH_INDICATOR));
    }

    @Test
    void metricsBackOffWhenTheUserDefinesABinder() {
        this.runner.withUserConfiguration(UserMetricsConfiguration.class)
                .run(context -> assertThat(context).hasSingleBean(NamspillMetrics.class).hasBean("userMetrics"));
    }

    @Test
    void withoutMicrometerHealthStillWorks() {
        new ApplicationContextRunner().withConfiguration(NAMSPILL)
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(NamspillMetrics.class);
                    assertThat(StarterLine.health(context.getBean(HEALTH_INDICATOR)).status())
                            .isIn("UP", "DOWN");
                });
    }

    @Test
    void withoutTheMicrometerModuleHealthStillWorks() {
        // namspill-micrometer is optional for the auto-configuration (the starter brings it).
        this.runner.withClassLoader(new FilteredClassLoader(NamspillMetrics.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(MeterRegistry.class)
                        .doesNotHaveBean("namspillMetrics")
                        .hasSingleBean(HEALTH_INDICATOR));
    }

    @Test
    void withoutTheActuatorOnlyTheMonitorRemains() {
        new ApplicationContextRunner().withConfiguration(NAMSPILL)
                .withClassLoader(new FilteredClassLoader(StarterLine.HEALTH_API, Endpoint.class, MeterRegistry.class))
                .run(NamspillAutoConfigurationTests::assertOnlyTheMonitorRemains);
    }

    @Test
    void withoutTheActuatorJarsAutoConfigurationStillStarts() {
        // The way an application without the actuator starts: the auto-configuration metadata
        // filters out the configurations whose classes are missing before any is loaded.
        new ApplicationContextRunner().withUserConfiguration(StarterLine.NamspillImportedAsAnApplicationDoes.class)
                .withClassLoader(new FilteredClassLoader(ACTUATOR_PACKAGES))
                .run(NamspillAutoConfigurationTests::assertOnlyTheMonitorRemains);
    }

    private static void assertOnlyTheMonitorRemains(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed()
                .hasSingleBean(NamespaceMonitor.class)
                .doesNotHaveBean(HEALTH_INDICATOR)
                .doesNotHaveBean(NamspillMetrics.class)
                .doesNotHaveBean(NamspillEndpoint.class);
    }

    @Test
    void endpointIsNotAvailableUnlessExposed() {
        this.runner.run(context -> assertThat(context).doesNotHaveBean(NamspillEndpoint.class)
                .doesNotHaveBean(NamspillEndpointWebExtension.class));
    }

    @Test
    void endpointAndWebExtensionWhenExposedOverHttp() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=namspill")
                .run(context -> assertThat(context).hasSingleBean(NamspillEndpoint.class)
                        .hasSingleBean(NamspillEndpointWebExtension.class));
    }

    @Test
    void noWebExtensionWhenExposedOverJmxOnly() {
        this.runner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=namspill")
                .run(context -> assertThat(context).hasSingleBean(NamspillEndpoint.class)
                        .doesNotHaveBean(NamspillEndpointWebExtension.class));
    }

    @Test
    void endpointIsNotAvailableWithAccessNone() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=namspill",
                "management.endpoint.namspill.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(NamspillEndpoint.class)
                        .doesNotHaveBean(NamspillEndpointWebExtension.class));
    }

    @Test
    void endpointBacksOffWhenTheUserDefinesOne() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=namspill")
                .withUserConfiguration(UserEndpointConfiguration.class)
                .run(context -> assertThat(context).hasSingleBean(NamspillEndpoint.class).hasBean("userEndpoint")
                        .hasSingleBean(NamspillEndpointWebExtension.class));
    }

    @Test
    void appliesTypesAndIgnoredThreads() {
        Privileges.assumeCanCreateNamespaces();
        this.runner.withPropertyValues("namspill.types=net,uts", "namspill.ignored-threads=quiet-.*", "namspill.cache-ttl=0s")
                .run(context -> {
                    NamespaceMonitor monitor = context.getBean(NamespaceMonitor.class);
                    try (SpillingThread quiet = SpillingThread.unsharing("quiet-worker", LinuxAbi.CLONE_NEWUTS);
                            SpillingThread mounts = SpillingThread.unsharing("mount-worker",
                                    LinuxAbi.CLONE_FS | LinuxAbi.CLONE_NEWNS)) {
                        // ignored by name, and spilled in a type that is not checked
                        MonitorResult result = monitor.current();
                        assertThat(result.isSupported()).isTrue();
                        assertThat(result.hasLeaks()).isFalse();
                        // not counting a type does not hide it from the census
                        assertThat(result.report().types().get("mnt").namespaces()).hasSize(2);
                        assertThat(result.leakedTasksByType()).containsEntry("mnt", 0).containsEntry("uts", 0);

                        // the control: a thread that is neither ignored nor in an unchecked type is a leak
                        try (SpillingThread loud = SpillingThread.unsharing("loud-worker", LinuxAbi.CLONE_NEWUTS)) {
                            assertThat(monitor.current().leakedTasks()).extracting(leak -> leak.task().tid())
                                    .containsExactly(loud.tid());
                        }
                    }
                });
    }

    @Test
    void appliesGracePeriod() {
        Privileges.assumeCanCreateNamespaces();
        this.runner.withPropertyValues("namspill.grace-period=1h", "namspill.cache-ttl=0s").run(context -> {
            NamespaceMonitor monitor = context.getBean(NamespaceMonitor.class);
            try (SpillingThread young = SpillingThread.unsharing("young-spill", LinuxAbi.CLONE_NEWUTS)) {
                var result = monitor.current();
                assertThat(result.report().strayTasks()).anyMatch(task -> task.task().tid() == young.tid());
                assertThat(result.hasLeaks()).isFalse();
            }
        });
    }

    @Test
    void appliesCacheTtl() {
        this.runner.withPropertyValues("namspill.cache-ttl=1h").run(context -> {
            NamespaceMonitor monitor = context.getBean(NamespaceMonitor.class);
            monitor.current();
            long scans = monitor.scanCount();
            StarterLine.health(context.getBean(HEALTH_INDICATOR));
            context.getBean(MeterRegistry.class).get("namspill.tasks").gauge().value();
            assertThat(monitor.scanCount()).isEqualTo(scans).isEqualTo(1);
        });
    }

    @Test
    void marksTheJvmAsMonitoredByTheStarterSoThatAnAgentBacksOff() {
        this.runner.run(context -> {
            context.getBean(NamespaceMonitor.class);
            assertThat(MonitorOwner.current()).contains(MonitorOwner.SPRING_BOOT_STARTER);
        });
    }

    @Test
    void logsOneWarningWhenATaskLeaksAndOneLineWhenItIsGone(CapturedOutput output) {
        Privileges.assumeCanCreateNamespaces();
        this.runner.withPropertyValues("namspill.cache-ttl=0s").run(context -> {
            NamespaceMonitor monitor = context.getBean(NamespaceMonitor.class);
            int tid;
            try (SpillingThread leaky = SpillingThread.unsharing("logged-leak", LinuxAbi.CLONE_NEWUTS)) {
                tid = leaky.tid();
                for (int i = 0; i < 3; i++) {
                    assertThat(monitor.current().hasLeaks()).isTrue();
                }
            }
            String recovered = "Task " + tid + " \"logged-leak\" no longer leaks";
            await().untilAsserted(() -> {
                monitor.current();
                assertThat(output.getOut()).contains(recovered);
            });
            monitor.current();
            assertThat(output.getOut().lines().filter(line -> line.contains("WARN") && line.contains("Namespace leak")))
                    .hasSize(1);
            assertThat(output.getOut()).contains("- task " + tid + " \"logged-leak\"");
            assertThat(output.getOut().lines()
                    .filter(line -> line.contains("INFO") && line.contains(recovered)))
                    .hasSize(1);
        });
    }

    @Test
    void theBackgroundCheckLogsALeakThatNoProbeAskedAbout(CapturedOutput output) {
        Privileges.assumeCanCreateNamespaces();
        this.runner.withPropertyValues("namspill.check-interval=50ms").run(context -> {
            NamespaceMonitor monitor = context.getBean(NamespaceMonitor.class);
            try (SpillingThread first = SpillingThread.unsharing("unprobed-leak-1", LinuxAbi.CLONE_NEWUTS);
                    SpillingThread second = SpillingThread.unsharing("unprobed-leak-2", LinuxAbi.CLONE_NEWUTS)) {
                long scans = monitor.scanCount();
                // nothing here asks the monitor: the starter's background check finds both leaks
                await().untilAsserted(() -> assertThat(output.getOut())
                        .contains("task " + first.tid() + " \"unprobed-leak-1\" newly leaked;")
                        .contains("task " + second.tid() + " \"unprobed-leak-2\" newly leaked;"));
                assertThat(monitor.scanCount()).isGreaterThan(scans);
                assertThat(output.getOut().lines().filter(line -> line.contains("WARN") && line.contains("unprobed-leak")))
                        .hasSize(2);
            }
        });
    }

    @Test
    void tellsTheApplicationsLeakListenersBesideTheLog(CapturedOutput output) {
        Privileges.assumeCanCreateNamespaces();
        List<String> heard = new CopyOnWriteArrayList<>();
        LeakListener first = recordingListener("first", heard);
        LeakListener second = recordingListener("second", heard);
        this.runner.withPropertyValues("namspill.cache-ttl=0s")
                .withBean("secondListener", LeakListener.class, () -> second)
                .withBean("firstListener", LeakListener.class, () -> first)
                .run(context -> {
                    NamespaceMonitor monitor = context.getBean(NamespaceMonitor.class);
                    int tid;
                    try (SpillingThread leaky = SpillingThread.unsharing("heard-leak", LinuxAbi.CLONE_NEWUTS)) {
                        tid = leaky.tid();
                        assertThat(monitor.current().hasLeaks()).isTrue();
                    }
                    await().untilAsserted(() -> {
                        monitor.current();
                        assertThat(heard).contains("first recovered " + tid, "second recovered " + tid);
                    });
                    assertThat(heard).filteredOn(event -> event.contains("leaked " + tid))
                            .containsExactlyInAnyOrder("first leaked " + tid, "second leaked " + tid);
                    assertThat(output.getOut()).contains("- task " + tid + " \"heard-leak\"");
                });
    }

    private static LeakListener recordingListener(String name, List<String> heard) {
        return new LeakListener() {
            @Override
            public void leaked(SpilledTask task, String rendering) {
                heard.add(name + " leaked " + task.task().tid());
            }

            @Override
            public void recovered(TaskId id, String taskName) {
                heard.add(name + " recovered " + id.tid());
            }
        };
    }


    @Test
    void theBackgroundCheckRunsEveryThirtySecondsUnlessTurnedOff() {
        this.runner.run(context -> assertThat(context.getBean(NamespaceMonitor.class).checkInterval())
                .isEqualTo(Duration.ofSeconds(30)));
        this.runner.withPropertyValues("namspill.check-interval=0s")
                .run(context -> assertThat(context.getBean(NamespaceMonitor.class).checkInterval()).isZero());
    }

    @Configuration(proxyBeanMethods = false)
    static class UserMonitorConfiguration {

        @Bean
        NamespaceMonitor userMonitor() {
            return NamespaceMonitor.builder().cacheTtl(Duration.ZERO).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserMetricsConfiguration {

        @Bean
        NamspillMetrics userMetrics(NamespaceMonitor monitor) {
            return new NamspillMetrics(monitor);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserEndpointConfiguration {

        @Bean
        NamspillEndpoint userEndpoint(NamespaceMonitor monitor) {
            return new NamspillEndpoint(monitor, org.springframework.boot.actuate.endpoint.Show.NEVER);
        }
    }
}
