package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import io.namspill.it.Actuator.Answer;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.snapshot.TaskScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Where there is no per-task procfs (here: a monitor reading an empty directory, as on macOS or
 * behind a restricted {@code /proc}) the application starts, health is UNKNOWN with the reason,
 * the endpoint says {@code supported: false}, and the metrics scrape does not fail.
 */
@SpringBootTest(classes = { NamspillTestApplication.class,
        NamspillUnsupportedPlatformIntegrationTests.EmptyProcfs.class }, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { TestMetrics.EXPORT, TestMetrics.EXPORT_BOOT3, "management.endpoints.web.exposure.include=health,namspill,prometheus",
                "management.endpoint.health.show-details=always" })
class NamspillUnsupportedPlatformIntegrationTests {

    @RegisterExtension
    final LocalServerHttp server = new LocalServerHttp();

    @Test
    void healthIsUnknownWithTheReasonAndDoesNotTakeTheApplicationDown() {
        DocumentContext health = this.server.actuator().json("health");
        assertThat(health.read("$.status", String.class)).isEqualTo("UP");
        assertThat(health.read("$.components.namspill.status", String.class)).isEqualTo("UNKNOWN");
        assertThat(health.read("$.components.namspill.details.reason", String.class)).startsWith("no procfs at ");
    }

    @Test
    void endpointSaysUnsupportedWithTheReason() {
        DocumentContext report = this.server.actuator().json("namspill");
        assertThat(report.read("$", Map.class).keySet()).containsExactly("supported", "reason");
        assertThat(report.read("$.supported", Boolean.class)).isFalse();
        assertThat(report.read("$.reason", String.class)).startsWith("no procfs at ");

        assertThat(this.server.actuator().json("namspill/net").read("$.supported", Boolean.class)).isFalse();
    }

    @Test
    void metricsScrapeWorksWithUnknownValues() {
        Answer prometheus = this.server.actuator().get("prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body().lines()).contains("namspill_tasks NaN")
                .noneMatch(line -> line.startsWith("namspill_leaked_tasks{"));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class EmptyProcfs {

        @Bean(destroyMethod = "close")
        NamespaceMonitor emptyProcfsMonitor() throws IOException {
            return NamespaceMonitor.builder()
                    .scanner(new TaskScanner(Files.createTempDirectory("namspill-no-procfs")))
                    .cacheTtl(Duration.ZERO)
                    .build();
        }
    }
}
