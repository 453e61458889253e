package io.namspill.report;

import static io.namspill.internal.linux.LinuxAbi.CLONE_NEWUTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.Namspill;
import io.namspill.internal.jvm.CpuTimeThreadCorrelator;
import io.namspill.internal.jvm.HotSpotThreadCorrelator;
import io.namspill.internal.jvm.TestLocators;
import io.namspill.jvm.JavaThread;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import org.junit.jupiter.api.Test;

/**
 * A thread dump stops the world: never while uniform, none while the CPU-time way names a
 * spilled thread, and at most one per report where it cannot.
 */
class ThreadDumpBudgetTests {

    private static final int REPORTS = 50;

    @Test
    void noThreadDumpIsTakenWhileTheProcessIsUniform() {
        long before = HotSpotThreadCorrelator.instance().dumpCount();
        long namings = CpuTimeThreadCorrelator.instance().namingCount();

        for (int i = 0; i < REPORTS; i++) {
            assertThat(Namspill.report().isUniform()).isTrue();
        }

        assertThat(HotSpotThreadCorrelator.instance().dumpCount()).isEqualTo(before);
        assertThat(CpuTimeThreadCorrelator.instance().namingCount()).isEqualTo(namings);
    }

    @Test
    void aParkedSpilledThreadIsNamedWithoutAThreadDump() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leaky = SpillingThread.unsharing("dump-budget-leak", CLONE_NEWUTS)) {
            long before = HotSpotThreadCorrelator.instance().dumpCount();

            for (int i = 0; i < 5; i++) {
                assertThat(Namspill.report().strayTasks()).singleElement().satisfies(spilled -> assertThat(spilled.thread())
                        .hasValueSatisfying(thread -> assertThat(thread.namedBy()).isEqualTo(JavaThread.NamedBy.CPU_TIME)));
            }

            assertThat(HotSpotThreadCorrelator.instance().dumpCount()).isEqualTo(before);
        }
    }

    @Test
    void exactlyOneThreadDumpIsTakenPerReportWhereTheCpuTimeWayCannotName() {
        Privileges.assumeCanCreateNamespaces();
        HotSpotThreadCorrelator dumps = new HotSpotThreadCorrelator(HotSpotThreadCorrelator::threadPrint);
        SpillOptions blind = SpillOptions.defaults().withCorrelator(new CpuTimeThreadCorrelator(TestLocators.blind(), dumps));
        try (SpillingThread leaky = SpillingThread.unsharing("dump-budget-fall", CLONE_NEWUTS);
                SpillingThread other = SpillingThread.unsharing("dump-budget-fal2", CLONE_NEWUTS)) {
            for (int i = 0; i < 5; i++) {
                SpillReport report = SpillReport.of(Namspill.tasks(), blind);
                assertThat(report.strayTasks()).hasSize(2).allSatisfy(spilled -> assertThat(spilled.thread())
                        .hasValueSatisfying(thread -> assertThat(thread.namedBy()).isEqualTo(JavaThread.NamedBy.THREAD_DUMP)));
            }

            assertThat(dumps.dumpCount()).isEqualTo(5);
        }
    }
}
