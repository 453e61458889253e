package io.namspill.report;

import static io.namspill.internal.linux.LinuxAbi.CLONE_NEWUTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.Namspill;
import io.namspill.jvm.ThreadCorrelator;
import io.namspill.snapshot.TaskSnapshot;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Ignoring by task name on real tasks read as {@code Namspill.tasks()} reads them: a spilled
 * task's name is read although uniform tasks' names are not, so a pattern on the task name
 * alone (no Java thread known) still ignores it.
 */
class IgnoreByTaskNameTests {

    private static final SpillOptions NO_JAVA_NAMES = SpillOptions.defaults().withCorrelator(ThreadCorrelator.none());

    @Test
    void aSpilledTaskIsIgnoredByItsTaskNameAlone() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread keeper = SpillingThread.unsharing("ns-keeper", CLONE_NEWUTS);
                SpillingThread leaky = SpillingThread.unsharing("ns-leaky", CLONE_NEWUTS)) {
            TaskSnapshot snapshot = Namspill.tasks();

            SpillReport ignoring = SpillReport.of(snapshot, NO_JAVA_NAMES.withIgnoredThreads(List.of(Pattern.compile("ns-keep.*"))));
            SpillReport judgingAll = SpillReport.of(snapshot, NO_JAVA_NAMES);

            assertThat(ignoring.strayTasks()).extracting(s -> s.task().tid()).containsExactly(leaky.tid());
            assertThat(ignoring.strayTasks()).allSatisfy(s -> assertThat(s.thread()).isEmpty());
            assertThat(judgingAll.strayTasks()).extracting(s -> s.task().name().orElseThrow()).containsExactlyInAnyOrder("ns-keeper", "ns-leaky");
        }
    }
}
