package io.namspill.spring.boot.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.namspill.internal.linux.LinuxAbi;
import io.namspill.line.StarterLine;
import io.namspill.line.HealthView;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.snapshot.TaskScanner;
import io.namspill.spring.boot.status.NamspillStatus;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health indicator of the Spring Boot line of {@link StarterLine}: status and details for
 * real leaks.
 */
class NamspillHealthIndicatorTests {

    private final NamespaceMonitor monitor = NamespaceMonitor.builder().cacheTtl(Duration.ZERO).build();

    private final Object indicator = StarterLine.healthIndicator(this.monitor);

    @AfterEach
    void closeMonitor() {
        this.monitor.close();
    }

    @Test
    void upWithTaskCountWhileNothingLeaked() {
        HealthView health = StarterLine.health(this.indicator);
        assertThat(health.status()).isEqualTo("UP");
        assertThat(health.details()).containsOnlyKeys("tasks", "leakedTasks", "leaks")
                .containsEntry("leakedTasks", 0)
                .containsEntry("leaks", List.of());
        assertThat((Integer) health.details().get("tasks")).isPositive();
    }

    @Test
    @SuppressWarnings("unchecked")
    void downWithTheLeakedTaskAndOnlyItsDifferingTypes() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leaky = SpillingThread.unsharing("health-leak", LinuxAbi.CLONE_NEWUTS)) {
            HealthView health = StarterLine.health(this.indicator);
            assertThat(health.status()).isEqualTo("DOWN");
            assertThat(health.details()).containsEntry("leakedTasks", 1);
            List<Map<String, Object>> leaks = (List<Map<String, Object>>) health.details().get("leaks");
            assertThat(leaks).singleElement().isEqualTo(Map.of("tid", leaky.tid(), "name", "health-leak",
                    "namespaces", Map.of("uts", utsOf(leaky))));
        }
        // The Java thread has ended; its task leaves /proc a moment later.
        await().untilAsserted(() -> assertThat(StarterLine.health(this.indicator).status()).isEqualTo("UP"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsAtMostTwentyLeaksButCountsThemAll() {
        Privileges.assumeCanCreateNamespaces();
        List<SpillingThread> leaks = new ArrayList<>();
        try {
            for (int i = 0; i < 23; i++) {
                leaks.add(SpillingThread.unsharing("many-leaks-" + i, LinuxAbi.CLONE_NEWUTS));
            }
            HealthView health = StarterLine.health(this.indicator);
            assertThat(health.status()).isEqualTo("DOWN");
            assertThat(health.details()).containsEntry("leakedTasks", 23);
            assertThat((List<Object>) health.details().get("leaks")).hasSize(NamspillStatus.MAX_LEAKS);
        }
        finally {
            leaks.forEach(SpillingThread::close);
        }
    }

    @Test
    void unknownWithTheReasonWhereTasksCannotBeRead(@TempDir Path emptyProcfs) {
        try (NamespaceMonitor unsupported = NamespaceMonitor.builder().scanner(new TaskScanner(emptyProcfs)).build()) {
            HealthView health = StarterLine.health(StarterLine.healthIndicator(unsupported));
            assertThat(health.status()).isEqualTo("UNKNOWN");
            assertThat(health.details()).containsOnlyKeys("reason");
            assertThat((String) health.details().get("reason")).contains(emptyProcfs.toString());
        }
    }

    @Test
    void unknownNotDownOnceTheMonitorIsClosed() {
        this.monitor.close();
        HealthView health = StarterLine.health(this.indicator);
        assertThat(health.status()).isEqualTo("UNKNOWN");
        assertThat(health.details()).containsEntry("reason", "the monitor is closed");
    }

    private static long utsOf(SpillingThread thread) {
        return NamespaceLinks.inode(Path.of("/proc/self/task/" + thread.tid() + "/ns/uts"));
    }
}
