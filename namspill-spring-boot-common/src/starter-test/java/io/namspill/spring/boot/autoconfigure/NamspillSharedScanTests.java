package io.namspill.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.snapshot.TaskScanner;
import io.namspill.snapshot.TaskSnapshot;
import io.namspill.spring.boot.endpoint.NamspillEndpoint.NamspillDescriptor;
import io.namspill.spring.boot.endpoint.NamspillEndpoint.ReportDescriptor;
import io.namspill.spring.boot.endpoint.NamspillEndpoint.TaskDescriptor;
import io.namspill.spring.boot.endpoint.NamspillEndpoint;
import io.namspill.line.StarterLine;
import io.namspill.line.HealthView;
import io.namspill.testing.PrivateProc;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health, metrics and endpoint share one scan, made on the monitor's own thread.
 */
class NamspillSharedScanTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(NamspillAutoConfigurationTests.NAMSPILL)
            .withConfiguration(NamspillAutoConfigurationTests.METRICS)
            .withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=namspill");

    @Test
    void concurrentCallersWithinOneCacheTtlCauseExactlyOneScan() {
        this.runner.withUserConfiguration(HandDrivenClock.class).run(context -> {
            NamespaceMonitor monitor = context.getBean(NamespaceMonitor.class);
            Object health = context.getBean(StarterLine.HEALTH_INDICATOR);
            NamspillEndpoint endpoint = context.getBean(NamspillEndpoint.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            monitor.current();
            // The cached result is now older than the TTL; the clock stands still from here on.
            context.getBean(AtomicLong.class).addAndGet(Duration.ofSeconds(2).toNanos());
            long scansBefore = monitor.scanCount();

            int callers = 16;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            try {
                List<Future<Object>> answers = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    int caller = i;
                    answers.add(pool.submit(() -> {
                        start.await();
                        return switch (caller % 3) {
                            case 0 -> StarterLine.health(health);
                            case 1 -> registry.get("namspill.leaked.tasks").tag("type", "net").gauge().value();
                            default -> endpoint.namspill();
                        };
                    }));
                }
                start.countDown();
                for (Future<Object> answer : answers) {
                    assertThat(answer.get(60, TimeUnit.SECONDS)).isNotNull();
                }
            }
            finally {
                pool.shutdownNow();
            }
            assertThat(monitor.scanCount() - scansBefore).isEqualTo(1);
        });
    }

    @Test
    void aCallerThatIsItselfSpilledIntoAForeignMountNamespaceStillGetsACorrectReport() {
        Privileges.assumeCanCreateNamespaces();
        this.runner.withPropertyValues("namspill.cache-ttl=0s").run(context -> {
            Object health = context.getBean(StarterLine.HEALTH_INDICATOR);
            NamspillEndpoint endpoint = context.getBean(NamspillEndpoint.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            AtomicReference<TaskSnapshot> naive = new AtomicReference<>();
            AtomicReference<HealthView> victimHealth = new AtomicReference<>();
            AtomicReference<NamspillDescriptor> victimReport = new AtomicReference<>();
            AtomicReference<Double> victimGauge = new AtomicReference<>();
            try (SpillingThread other = SpillingThread.unsharing("other-leak", LinuxAbi.CLONE_NEWUTS);
                    SpillingThread victim = SpillingThread.start("victim-request", () -> {
                        LinuxNative.unshare(LinuxAbi.CLONE_FS | LinuxAbi.CLONE_NEWNS);
                        PrivateProc.hide();
                        naive.set(new TaskScanner().scan());
                        victimHealth.set(StarterLine.health(health));
                        victimReport.set(endpoint.namspill());
                        victimGauge.set(registry.get("namspill.leaked.tasks").tag("type", "mnt").gauge().value());
                    })) {
                // What a scan made on the victim's own thread would have seen:
                assertThat(naive.get().isSupported()).isFalse();

                assertThat(victimHealth.get().status()).isEqualTo("DOWN");
                assertThat(victimHealth.get().details()).containsEntry("leakedTasks", 2);
                assertThat(victimReport.get()).isInstanceOf(ReportDescriptor.class);
                ReportDescriptor report = (ReportDescriptor) victimReport.get();
                assertThat(report.pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(report.leaks()).extracting(TaskDescriptor::tid)
                        .containsExactlyInAnyOrder(victim.tid(), other.tid());
                assertThat(leakOf(report, victim.tid()).namespaces()).containsOnlyKeys("mnt");
                assertThat(leakOf(report, other.tid()).namespaces()).containsOnlyKeys("uts");
                assertThat(report.types().get("mnt").leakedTasks()).isEqualTo(1);
                assertThat(victimGauge.get()).isEqualTo(1.0);
            }
        });
    }

    private static TaskDescriptor leakOf(ReportDescriptor report, int tid) {
        return report.leaks().stream().filter(leak -> leak.tid() == tid).findFirst().orElseThrow();
    }

    @Configuration(proxyBeanMethods = false)
    static class HandDrivenClock {

        @Bean
        AtomicLong ticks() {
            return new AtomicLong();
        }

        @Bean(destroyMethod = "close")
        NamespaceMonitor handDrivenMonitor(AtomicLong ticks) {
            return NamespaceMonitor.builder().ticker(ticks::get).cacheTtl(Duration.ofSeconds(1)).build();
        }
    }
}
