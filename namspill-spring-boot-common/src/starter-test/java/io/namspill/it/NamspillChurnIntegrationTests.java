package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import io.namspill.it.LoopbackHttp.Response;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.testing.ThreadChurn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Threads are born and die while health checks and scrapes arrive over HTTP: a health check
 * that flapped would restart a healthy pod. Every check must be UP and every leak gauge 0.
 * With {@code cache-ttl=0s} every request scans.
 */
@SpringBootTest(classes = NamspillTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = { TestMetrics.EXPORT, TestMetrics.EXPORT_BOOT3,
        "server.address=127.0.0.1", "namspill.cache-ttl=0s",
        "management.endpoints.web.exposure.include=health,prometheus",
        "management.endpoint.health.show-details=always" })
class NamspillChurnIntegrationTests {

    private static final int HEALTH_CHECKS = 200;

    private static final int SCRAPE_EVERY = 10;

    private static final long MIN_THREADS_BORN = 2_000;

    @RegisterExtension
    final LocalServerHttp server = LocalServerHttp.awaitingHealthy("health");

    @Test
    void healthStaysUpAndEveryLeakGaugeStaysZeroWhileThousandsOfThreadsAreBornAndDie(@Autowired NamespaceMonitor monitor)
            throws Exception {
        List<String> failures = new ArrayList<>();
        int healthChecks = 0;
        int scrapes = 0;
        int gaugeSamples = 0;
        long scansBefore = monitor.scanCount();
        long born;
        try (ThreadChurn churn = ThreadChurn.start()) {
            while (healthChecks < HEALTH_CHECKS || churn.born() < MIN_THREADS_BORN) {
                long scansBeforeCheck = monitor.scanCount();
                check(this.server.http().get("/actuator/health"), failures);
                healthChecks++;
                if (monitor.scanCount() == scansBeforeCheck) {
                    failures.add("health check " + healthChecks + " was answered without a scan");
                }
                if (healthChecks % SCRAPE_EVERY == 0) {
                    gaugeSamples += checkLeakGauges(this.server.http().get("/actuator/prometheus"), failures);
                    scrapes++;
                }
            }
            born = churn.born();
        }
        long scans = monitor.scanCount() - scansBefore;

        System.out.printf("churn over HTTP: %d health checks (all scanning) and %d Prometheus scrapes (%d leak gauge samples)"
                + " during %d thread births, %d scans, %d failures%n", healthChecks, scrapes, gaugeSamples, born, scans,
                failures.size());
        assertThat(failures).isEmpty();
        assertThat(scans).isGreaterThanOrEqualTo(HEALTH_CHECKS);
        assertThat(born).isGreaterThanOrEqualTo(MIN_THREADS_BORN);
        assertThat(gaugeSamples).isGreaterThanOrEqualTo(scrapes * 9); // one series per namespace type
    }

    private static void check(Response health, List<String> failures) {
        DocumentContext json = health.json();
        String status = json.read("$.status");
        String namspill = json.read("$.components.namspill.status");
        if (health.status() != 200 || !"UP".equals(status) || !"UP".equals(namspill)) {
            failures.add("health " + health.status() + ": " + health.body());
        }
    }

    /** Checks every {@code namspill_leaked_tasks} sample of a scrape; returns how many it saw. */
    private static int checkLeakGauges(Response scrape, List<String> failures) {
        if (scrape.status() != 200) {
            failures.add("prometheus " + scrape.status() + ": " + scrape.body());
            return 0;
        }
        List<String> samples = scrape.body().lines().filter(line -> line.startsWith("namspill_leaked_tasks{")).toList();
        for (String sample : samples) {
            if (!sample.endsWith("} 0.0")) {
                failures.add("gauge not 0: " + sample);
            }
        }
        return samples.size();
    }
}
