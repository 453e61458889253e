package io.namspill.internal.jvm;

import static io.namspill.internal.linux.LinuxAbi.CLONE_NEWUTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.Namspill;
import io.namspill.jvm.JavaThread;
import io.namspill.jvm.ThreadCorrelator;
import io.namspill.report.SpillReport;
import io.namspill.report.SpilledTask;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Naming a spilled task's Java thread by its CPU time, with the thread dump only as the fallback. */
class CpuTimeThreadCorrelatorTests {

    @Test
    void theDefaultCorrelatorIsTheCpuTimeOne() {
        assertThat(ThreadCorrelator.forCurrentJvm()).isSameAs(CpuTimeThreadCorrelator.instance());
    }

    @Test
    void aRealSpilledTaskIsNamedWithItsJavaThreadNameIdStateAndStack() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leaky = SpillingThread.unsharing("named-by-cpu", CLONE_NEWUTS).parked()) {
            SpillReport report = Namspill.report();

            SpilledTask spilled = report.strayTasks().stream().filter(s -> s.task().tid() == leaky.tid()).findFirst()
                    .orElseThrow();
            JavaThread thread = spilled.thread().orElseThrow();
            assertThat(thread.name()).isEqualTo("named-by-cpu");
            assertThat(thread.id()).isEqualTo(leaky.thread().getId());
            assertThat(thread.state()).isEqualTo("WAITING");
            assertThat(thread.daemon()).isTrue();
            assertThat(thread.stackTrace()).anyMatch(frame -> frame.contains("CountDownLatch.await"))
                    .anyMatch(frame -> frame.contains(SpillingThread.class.getName()));
            assertThat(thread.namedBy()).isEqualTo(JavaThread.NamedBy.CPU_TIME);
            assertThat(report.render()).contains("Java thread \"named-by-cpu\" (id " + leaky.thread().getId()
                    + ", WAITING, daemon, named by cpu-time)").contains("at java.base/");
        }
    }

    @Test
    void aThreadRenamedAfterItStartedIsStillFoundAmongAllThreads() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leaky = SpillingThread.unsharing("before-rename", CLONE_NEWUTS).parked()) {
            // Its comm stays "before-rename": no Java thread has that name any more.
            leaky.thread().setName("after-rename");
            Map<Integer, JavaThread> named = new CpuTimeThreadCorrelator(new ThreadLocator(8), tids -> Map.of())
                    .threadsOf(List.of(leaky.tid()));

            assertThat(named.get(leaky.tid())).satisfies(thread -> {
                assertThat(thread.name()).isEqualTo("after-rename");
                assertThat(thread.namedBy()).isEqualTo(JavaThread.NamedBy.CPU_TIME);
            });
        }
    }

    @Test
    void onlyTheTasksItCannotNameAreLeftToTheFallbackInOneCall() {
        Privileges.assumeCanCreateNamespaces();
        List<Collection<Integer>> asked = new CopyOnWriteArrayList<>();
        ThreadCorrelator fallback = tids -> {
            asked.add(new ArrayList<>(tids));
            return Map.of();
        };
        try (SpillingThread leaky = SpillingThread.unsharing("fallback-case", CLONE_NEWUTS).parked()) {
            int noThread = Integer.MAX_VALUE; // no such task: nothing to match
            Map<Integer, JavaThread> named = new CpuTimeThreadCorrelator(new ThreadLocator(8), fallback)
                    .threadsOf(List.of(leaky.tid(), noThread));

            assertThat(named).containsOnlyKeys(leaky.tid());
            assertThat(asked).containsExactly(List.of(noThread));
        }
    }

    @Test
    void whereTheCpuTimeWayCannotNameTheDumpDoesAndSaysSo() {
        Privileges.assumeCanCreateNamespaces();
        HotSpotThreadCorrelator dumps = new HotSpotThreadCorrelator(HotSpotThreadCorrelator::threadPrint);
        try (SpillingThread leaky = SpillingThread.unsharing("dump-named", CLONE_NEWUTS).parked()) {
            Map<Integer, JavaThread> named = new CpuTimeThreadCorrelator(TestLocators.blind(), dumps)
                    .threadsOf(List.of(leaky.tid()));

            assertThat(dumps.dumpCount()).isEqualTo(1);
            // Frames read the same whichever way named the thread (the dump also lists the frames
            // JDK 21+ hides from Thread.getStackTrace(): lambda forms, Thread.runWith).
            JavaThread byCpuTime = CpuTimeThreadCorrelator.instance().threadsOf(List.of(leaky.tid())).get(leaky.tid());
            assertThat(byCpuTime.stackTrace()).hasSizeGreaterThan(3);
            assertThat(named.get(leaky.tid()).stackTrace()).containsSubsequence(byCpuTime.stackTrace());
            assertThat(named.get(leaky.tid())).satisfies(thread -> {
                assertThat(thread.name()).isEqualTo("dump-named");
                assertThat(thread.id()).isEqualTo(leaky.thread().getId());
                assertThat(thread.namedBy()).isEqualTo(JavaThread.NamedBy.THREAD_DUMP);
            });
        }
    }

    @Test
    void noTidsCostNothing() {
        List<Collection<Integer>> asked = new CopyOnWriteArrayList<>();
        CpuTimeThreadCorrelator correlator = new CpuTimeThreadCorrelator(TestLocators.blind(), tids -> {
            asked.add(tids);
            return Map.of();
        });

        assertThat(correlator.threadsOf(List.of())).isEmpty();
        assertThat(correlator.namingCount()).isZero();
        assertThat(asked).isEmpty();
    }
}
