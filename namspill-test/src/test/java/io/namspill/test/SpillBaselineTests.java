package io.namspill.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.namspill.Namspill;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.report.SpillReport;
import io.namspill.report.SpilledTask;
import io.namspill.snapshot.TaskId;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import io.namspill.testing.TaskExits;
import io.namspill.testing.TidReuse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The extension's diff against the baseline on real tasks, read as {@code Namspill.tasks()} reads
 * them: name and start time only for the tasks a report can flag, which every spilled task is.
 */
class SpillBaselineTests {

    @Test
    void aTaskThatSpilledBeforeTheBaselineIsTheSameTaskAfterIt() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread before = SpillingThread.unsharing("baseline-old", LinuxAbi.CLONE_NEWUTS)) {
            SpillBaseline baseline = SpillBaseline.of(Namspill.tasks());

            SpilledTask again = spilled(SpillReport.of(Namspill.tasks(), SpillBaseline.UNCORRELATED), before.tid());

            assertThat(again.task().id().startTime()).isPositive();
            assertThat(baseline.isNew(again)).isFalse();
        }
    }

    @Test
    void aReusedTidThatSpillsIntoTheSameNamespaceAgainIsANewSpill() throws Exception {
        Privileges.assumeCanReuseTids();
        boolean reused = false;
        // Another process of the machine may take the freed tid first: then start over on another.
        for (int attempt = 0; attempt < 20 && !reused; attempt++) {
            reused = reuseOnce();
        }
        assertThat(reused).as("a tid was reused").isTrue();
    }

    private static boolean reuseOnce() throws Exception {
        SpillingThread old = SpillingThread.unsharing("baseline-tid", LinuxAbi.CLONE_NEWUTS);
        int tid = old.tid();
        SpillBaseline baseline;
        TaskId oldId;
        try {
            SpillReport report = SpillReport.of(Namspill.tasks(), SpillBaseline.UNCORRELATED);
            oldId = spilled(report, tid).task().id();
            baseline = SpillBaseline.of(report.snapshot());
        }
        finally {
            old.close();
        }
        TaskExits.await(tid);
        // Start times count clock ticks: let one pass, so that the next task on the tid starts later.
        await().atMost(Duration.ofSeconds(5)).until(() -> uptimeTicks() > oldId.startTime() + 1);
        try (SpillingThread reuser = TidReuse.spillOnTid(tid, "baseline-tid", LinuxAbi.CLONE_NEWUTS)) {
            if (reuser.tid() != tid) {
                return false;
            }
            SpilledTask fresh = spilled(SpillReport.of(Namspill.tasks(), SpillBaseline.UNCORRELATED), tid);

            // Same tid, same name, perhaps even the same (recycled) namespace inode: only the start time tells.
            assertThat(fresh.task().id().tid()).isEqualTo(oldId.tid());
            assertThat(fresh.task().id().startTime()).isGreaterThan(oldId.startTime());
            assertThat(baseline.isNew(fresh)).isTrue();
            return true;
        }
    }

    private static SpilledTask spilled(SpillReport report, int tid) {
        return report.strayTasks().stream().filter(s -> s.task().tid() == tid).findFirst()
                .orElseThrow(() -> new AssertionError("task " + tid + " not spilled in " + report.render()));
    }

    /** Clock ticks since boot, as start times count them (USER_HZ, 100 on Linux). */
    private static long uptimeTicks() throws Exception {
        String seconds = Files.readString(Path.of("/proc/uptime")).split(" ")[0];
        return Math.round(Double.parseDouble(seconds) * 100);
    }
}
