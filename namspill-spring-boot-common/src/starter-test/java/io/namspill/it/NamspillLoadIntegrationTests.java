package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.it.LoopbackHttp.Response;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.testing.ThreadChurn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Probes, scrapes and operators at once, during thread churn: every answer is 200, and however
 * many callers arrive, health, metrics and endpoint share one scan per {@code cache-ttl}.
 */
@SpringBootTest(classes = NamspillTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = { TestMetrics.EXPORT, TestMetrics.EXPORT_BOOT3,
        "server.address=127.0.0.1", "namspill.cache-ttl=" + NamspillLoadIntegrationTests.CACHE_TTL,
        "management.endpoints.web.exposure.include=health,namspill,prometheus" })
class NamspillLoadIntegrationTests {

    static final String CACHE_TTL = "1s";

    private static final int CLIENTS = 16;

    private static final int REQUESTS_PER_CLIENT = 40;

    private static final List<String> PATHS = List.of("/actuator/health", "/actuator/namspill", "/actuator/prometheus");

    @RegisterExtension
    final LocalServerHttp server = LocalServerHttp.awaitingHealthy("health");

    @Test
    void sixteenConcurrentClientsGetOnly200sAndShareOneScanPerCacheTtl(@Autowired NamespaceMonitor monitor) throws Exception {
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger answered = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        long born;
        long scans;
        long elapsedNanos;
        try (ThreadChurn churn = ThreadChurn.start()) {
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int first = client;
                running.add(clients.submit(() -> {
                    start.await();
                    for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                        String path = PATHS.get((first + i) % PATHS.size());
                        try {
                            Response response = this.server.http().get(path);
                            if (response.status() != 200) {
                                failures.add(path + " answered " + response.status() + ": " + response.body());
                            }
                        }
                        catch (Exception ex) {
                            failures.add(path + " failed: " + ex);
                        }
                        answered.incrementAndGet();
                    }
                    return null;
                }));
            }
            long scansBefore = monitor.scanCount();
            long startNanos = System.nanoTime();
            start.countDown();
            for (Future<?> client : running) {
                client.get(5, TimeUnit.MINUTES);
            }
            elapsedNanos = System.nanoTime() - startNanos;
            scans = monitor.scanCount() - scansBefore;
            born = churn.born();
        }
        finally {
            clients.shutdownNow();
        }

        double elapsedSeconds = elapsedNanos / 1e9;
        long ttlPeriods = elapsedNanos / Duration.parse("PT" + CACHE_TTL).toNanos();
        System.out.printf("load over HTTP: %d clients x %d requests = %d requests in %.1f s during %d thread births,"
                + " %d non-200 or failed, %d scans (cache-ttl %s: at most %d allowed)%n", CLIENTS, REQUESTS_PER_CLIENT,
                answered.get(), elapsedSeconds, born, failures.size(), scans, CACHE_TTL, ttlPeriods + 2);
        assertThat(failures).isEmpty();
        assertThat(answered.get()).isEqualTo(CLIENTS * REQUESTS_PER_CLIENT);
        assertThat(scans).isPositive().isLessThanOrEqualTo(ttlPeriods + 2);
    }
}
