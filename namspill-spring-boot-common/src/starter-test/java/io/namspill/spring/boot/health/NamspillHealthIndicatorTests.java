package io.namspill.spring.boot.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.namspill.internal.linux.LinuxAbi;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.snapshot.TaskScanner;
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
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class NamspillHealthIndicatorTests {

    private final NamespaceMonitor monitor = NamespaceMonitor.builder().cacheTtl(Duration.ZERO).build();

    private final NamspillHealthIndicator indicator = new NamspillHealthIndicator(this.monitor);

    @AfterEach
    void closeMonitor() {
        this.monitor.close();
    }

    @Test
    void upWithTaskCountWhileNothingLeaked() {
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsOnlyKeys("tasks", "leakedTasks", "leaks")
                .containsEntry("leakedTasks", 0)
                .containsEntry("leaks", List.of());
        assertThat((Integer) health.getDetails().get("tasks")).isPositive();
    }

    @Test
    @SuppressWarnings("unchecked")
    void downWithTheLeakedTaskAndOnlyItsDifferingTypes() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leaky = SpillingThread.unsharing("health-leak", LinuxAbi.CLONE_NEWUTS)) {
            Health health = this.indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("leakedTasks", 1);
            List<Map<String, Object>> leaks = (List<Map<String, Object>>) health.getDetails().get("leaks");
            assertThat(leaks).singleElement().isEqualTo(Map.of("tid", leaky.tid(), "name", "health-leak",
                    "namespaces", Map.of("uts", utsOf(leaky))));
        }
        // The Java thread has ended; its task leaves /proc a moment later.
        await().untilAsserted(() -> assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP));
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
            Health health = this.indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("leakedTasks", 23);
            assertThat((List<Object>) health.getDetails().get("leaks")).hasSize(NamspillHealthIndicator.MAX_LEAKS);
        }
        finally {
            leaks.forEach(SpillingThread::close);
        }
    }

    @Test
    void unknownWithTheReasonWhereTasksCannotBeRead(@TempDir Path emptyProcfs) {
        try (NamespaceMonitor unsupported = NamespaceMonitor.builder().scanner(new TaskScanner(emptyProcfs)).build()) {
            Health health = new NamspillHealthIndicator(unsupported).health();
            assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(health.getDetails()).containsOnlyKeys("reason");
            assertThat((String) health.getDetails().get("reason")).contains(emptyProcfs.toString());
        }
    }

    @Test
    void unknownNotDownOnceTheMonitorIsClosed() {
        this.monitor.close();
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(health.getDetails()).containsEntry("reason", "the monitor is closed");
    }

    private static long utsOf(SpillingThread thread) {
        return NamespaceLinks.inode(Path.of("/proc/self/task/" + thread.tid() + "/ns/uts"));
    }
}
