package io.namspill.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.snapshot.TaskScanner;
import io.namspill.testing.FixtureProcfs;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamspillMetricsTests {

    private final NamespaceMonitor monitor = NamespaceMonitor.builder().cacheTtl(Duration.ZERO).build();

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void closeMonitor() {
        this.monitor.close();
    }

    @Test
    void registersSeriesForEveryTypeFromTheStartAtZero() throws IOException {
        new NamspillMetrics(this.monitor).bindTo(this.registry);
        assertThat(gauge("namspill.tasks").value()).isPositive();
        for (String type : kernelTypes()) {
            assertThat(gauge("namspill.leaked.tasks", type).value()).as(type).isZero();
            assertThat(gauge("namspill.namespaces", type).value()).as(type).isGreaterThanOrEqualTo(1);
        }
        assertThat(this.registry.find("namspill.leaked.tasks").gauges()).hasSize(kernelTypes().size());
    }

    @Test
    void countsARealLeakInItsTypeOnlyAndRecoversWhenTheThreadEnds() throws IOException {
        Privileges.assumeCanCreateNamespaces();
        new NamspillMetrics(this.monitor).bindTo(this.registry);
        double utsNamespaces = gauge("namspill.namespaces", "uts").value();
        try (SpillingThread leaky = SpillingThread.unsharing("metered-leak", LinuxAbi.CLONE_NEWUTS)) {
            assertThat(gauge("namspill.leaked.tasks", "uts").value()).isEqualTo(1);
            assertThat(gauge("namspill.namespaces", "uts").value()).isEqualTo(utsNamespaces + 1);
            for (String type : kernelTypes()) {
                if (!type.equals("uts")) {
                    assertThat(gauge("namspill.leaked.tasks", type).value()).as(type).isZero();
                }
            }
        }
        // The Java thread has ended; its task leaves /proc a moment later.
        await().untilAsserted(() -> {
            assertThat(gauge("namspill.leaked.tasks", "uts").value()).isZero();
            assertThat(gauge("namspill.namespaces", "uts").value()).isEqualTo(utsNamespaces);
        });
    }

    @Test
    void timesEveryScan() {
        new NamspillMetrics(this.monitor).bindTo(this.registry);
        long before = this.registry.get("namspill.scan").timer().count();
        this.monitor.current();
        this.monitor.current();
        assertThat(this.registry.get("namspill.scan").timer().count()).isEqualTo(before + 2);
    }

    @Test
    void theScanThatBindingMakesIsCountedWhileItsResultServesTheScrapes() {
        // Every scrape below reads the result of the scan made at binding.
        try (NamespaceMonitor cached = longCachedMonitor()) {
            PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new NamspillMetrics(cached).bindTo(prometheus);
            assertThat(prometheus.scrape()).containsPattern("(?m)^namspill_scan_seconds_count 1$");
            assertThat(prometheus.scrape()).containsPattern("(?m)^namspill_scan_seconds_count 1$");
            assertThat(cached.scanCount()).isEqualTo(1);
        }
    }

    @Test
    void aScanMadeBeforeBindingIsCountedOnceWhenItsResultServesTheGauges() {
        try (NamespaceMonitor cached = longCachedMonitor()) {
            cached.current();
            new NamspillMetrics(cached).bindTo(this.registry);
            assertThat(gauge("namspill.tasks").value()).isPositive();
            assertThat(this.registry.get("namspill.scan").timer().count()).isEqualTo(1);
            assertThat(cached.scanCount()).isEqualTo(1);
        }
    }

    @Test
    void addsExtraTagsToEveryMeter() {
        new NamspillMetrics(this.monitor, Tags.of("app", "demo")).bindTo(this.registry);
        assertThat(this.registry.getMeters()).isNotEmpty()
                .allSatisfy(meter -> assertThat(meter.getId().getTag("app")).isEqualTo("demo"));
    }

    @Test
    void gaugesReadNaNAndNeverThrowWhereTasksCannotBeRead(@TempDir Path emptyProcfs) {
        try (NamespaceMonitor unsupported = NamespaceMonitor.builder().scanner(new TaskScanner(emptyProcfs))
                .cacheTtl(Duration.ZERO).build()) {
            new NamspillMetrics(unsupported).bindTo(this.registry);
            assertThat(gauge("namspill.tasks").value()).isNaN();
            assertThat(this.registry.find("namspill.leaked.tasks").gauges()).isEmpty();
            assertThat(this.registry.find("namspill.namespaces").gauges()).isEmpty();
            assertThat(this.registry.get("namspill.scan").timer().count()).isPositive();
        }
    }

    @Test
    void typesThatOnlyALaterScanCouldReadGetTheirSeriesFromThatScan(@TempDir Path procfs) {
        try (NamespaceMonitor late = NamespaceMonitor.builder().scanner(new TaskScanner(procfs)).cacheTtl(Duration.ZERO)
                .build()) {
            new NamspillMetrics(late).bindTo(this.registry);
            assertThat(this.registry.find("namspill.leaked.tasks").gauges()).isEmpty();

            FixtureProcfs.create(procfs, 100).task(100, "java", FixtureProcfs.HOST); // procfs becomes readable
            late.current();

            assertThat(this.registry.find("namspill.leaked.tasks").gauges()).hasSize(FixtureProcfs.HOST.size());
            assertThat(this.registry.find("namspill.namespaces").gauges()).hasSize(FixtureProcfs.HOST.size());
            assertThat(gauge("namspill.leaked.tasks", "net").value()).isZero();
            late.current();
            assertThat(this.registry.find("namspill.leaked.tasks").gauges()).hasSize(FixtureProcfs.HOST.size());
        }
    }

    @Test
    void gaugesReadNaNOnceTheMonitorIsClosed() {
        new NamspillMetrics(this.monitor).bindTo(this.registry);
        this.monitor.close();
        assertThat(gauge("namspill.tasks").value()).isNaN();
        assertThat(gauge("namspill.leaked.tasks", "net").value()).isNaN();
        assertThat(gauge("namspill.namespaces", "net").value()).isNaN();
    }

    @Test
    void prometheusSeriesAreNamedAsTheContractSays() throws IOException {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new NamspillMetrics(this.monitor).bindTo(prometheus);
        List<String> samples = prometheus.scrape().lines().filter(line -> !line.startsWith("#")).toList();
        assertThat(samples).anyMatch(line -> line.matches("namspill_tasks [0-9.E]+"));
        for (String type : kernelTypes()) {
            assertThat(samples).contains("namspill_leaked_tasks{type=\"" + type + "\"} 0.0")
                    .anyMatch(line -> line.startsWith("namspill_namespaces{type=\"" + type + "\"} "));
        }
        assertThat(prometheus.scrape()).contains("# TYPE namspill_tasks gauge", "# TYPE namspill_leaked_tasks gauge",
                "# TYPE namspill_namespaces gauge", "namspill_scan_seconds_count");
    }

    /** A monitor whose first result serves every later read of a test. */
    private static NamespaceMonitor longCachedMonitor() {
        return NamespaceMonitor.builder().cacheTtl(Duration.ofHours(1)).build();
    }

    private Gauge gauge(String name) {
        return this.registry.get(name).gauge();
    }

    private Gauge gauge(String name, String type) {
        return this.registry.get(name).tag("type", type).gauge();
    }

    private static List<String> kernelTypes() throws IOException {
        try (Stream<Path> links = Files.list(Path.of("/proc/self/ns"))) {
            return links.map(link -> link.getFileName().toString()).sorted().toList();
        }
    }
}
