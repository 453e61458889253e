package io.namspill.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.internal.linux.LinuxAbi;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.report.SpillReport;
import io.namspill.testing.ParkedThreads;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link TaskScanner#readingOn}: a scan split over a caller's executor reads what one thread reads. */
class ExecutorScanTests {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final AtomicInteger jobs = new AtomicInteger();
    /** Detailed, so that the parked threads are known by name. */
    private final TaskScanner split = TaskScanner.detailed().readingOn(job -> {
        jobs.incrementAndGet();
        pool.execute(job);
    });

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
    }

    @Test
    void readsEveryTaskThatOneThreadReads() throws Exception {
        Privileges.assumeNativeFileCalls(); // a tree read by path is read on the calling thread alone
        try (ParkedThreads parked = new ParkedThreads(300, "parked-")) {
            TaskSnapshot alone = TaskScanner.detailed().scan();
            TaskSnapshot together = split.scan();

            assertThat(together.isSupported()).as("%s", together).isTrue();
            Set<Integer> parkedAlone = parkedTids(alone);
            assertThat(parkedAlone).hasSize(300);
            assertThat(parkedTids(together)).isEqualTo(parkedAlone);
            assertThat(together.tasks()).extracting(Task::tid).contains(LinuxNative.gettid());
            if (Runtime.getRuntime().availableProcessors() > 1) {
                assertThat(jobs).as("jobs handed to the executor").hasPositiveValue();
            }
        }
    }

    @Test
    void findsASpilledTaskWhicheverThreadReadsIt() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (ParkedThreads parked = new ParkedThreads(300, "parked-");
                SpillingThread spilled = SpillingThread.unsharing("split-spilled", LinuxAbi.CLONE_NEWUTS)) {
            SpillReport report = SpillReport.of(new TaskScanner().readingOn(pool).scan());

            assertThat(report.spilledTasks()).extracting(s -> s.task().tid()).contains(spilled.tid());
        }
    }

    @Test
    void aRejectingExecutorLeavesTheScanToTheCallingThread() throws Exception {
        try (ParkedThreads parked = new ParkedThreads(300, "parked-")) {
            TaskSnapshot snapshot = TaskScanner.detailed().readingOn(job -> {
                throw new java.util.concurrent.RejectedExecutionException("full");
            }).scan();

            assertThat(parkedTids(snapshot)).hasSize(300);
        }
    }

    private static Set<Integer> parkedTids(TaskSnapshot snapshot) {
        return snapshot.tasks().stream().filter(t -> t.name().orElseThrow().startsWith("parked-"))
                .map(Task::tid).collect(Collectors.toSet());
    }
}
