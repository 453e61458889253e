package io.namspill.report;

import static io.namspill.internal.linux.LinuxAbi.CLONE_NEWUTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.Namspill;
import io.namspill.internal.jvm.HotSpotThreadCorrelator;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import org.junit.jupiter.api.Test;

/** A thread dump stops the world: never while uniform, at most one per report while spilled. */
class ThreadDumpBudgetTests {

    private static final int REPORTS = 50;

    @Test
    void noThreadDumpIsTakenWhileTheProcessIsUniform() {
        long before = HotSpotThreadCorrelator.instance().dumpCount();

        for (int i = 0; i < REPORTS; i++) {
            assertThat(Namspill.report().isUniform()).isTrue();
        }

        assertThat(HotSpotThreadCorrelator.instance().dumpCount()).isEqualTo(before);
    }

    @Test
    void exactlyOneThreadDumpIsTakenPerReportWhileATaskIsSpilled() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leaky = SpillingThread.unsharing("dump-budget-leak", CLONE_NEWUTS)) {
            long before = HotSpotThreadCorrelator.instance().dumpCount();

            for (int i = 0; i < 5; i++) {
                assertThat(Namspill.report().strayTasks()).hasSize(1);
            }

            assertThat(HotSpotThreadCorrelator.instance().dumpCount()).isEqualTo(before + 5);
        }
    }
}
