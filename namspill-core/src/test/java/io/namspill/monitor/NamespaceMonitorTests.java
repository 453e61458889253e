package io.namspill.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import io.namspill.internal.linux.LinuxAbi;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.report.SpilledTask;
import io.namspill.snapshot.TaskId;
import io.namspill.snapshot.TaskScanner;
import io.namspill.testing.FixtureProcfs;
import io.namspill.testing.PrivateProc;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespaceMonitorTests {

    private static final long FOREIGN_UTS = 4026532177L;

    @TempDir
    Path root;

    private final AtomicLong now = new AtomicLong();
    private final RecordingListener listener = new RecordingListener();

    @Test
    void concurrentCallersWithinOneCacheTtlCauseExactlyOneScan() throws InterruptedException {
        try (NamespaceMonitor monitor = NamespaceMonitor.builder().cacheTtl(Duration.ofMinutes(5)).build()) {
            int callers = 16;
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            List<MonitorResult> results = new CopyOnWriteArrayList<>();
            for (int i = 0; i < callers; i++) {
                Thread caller = new Thread(() -> {
                    awaitQuietly(start);
                    results.add(monitor.current());
                });
                caller.start();
                threads.add(caller);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }

            assertThat(monitor.scanCount()).isEqualTo(1);
            assertThat(results).hasSize(callers).allSatisfy(result -> assertThat(result).isSameAs(results.get(0)));
        }
    }

    @Test
    void withAZeroTtlCallersThatArriveDuringAScanShareItAndTheNextCallScansAgain() throws InterruptedException {
        CountDownLatch scanMayFinish = new CountDownLatch(1);
        try (NamespaceMonitor monitor = NamespaceMonitor.builder().cacheTtl(Duration.ZERO).build()) {
            monitor.addScanListener(result -> awaitQuietly(scanMayFinish)); // holds the scan in flight
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Thread caller = new Thread(monitor::current);
                caller.start();
                callers.add(caller);
            }
            // Every caller is parked: one on the scan thread's future, the others on the shared scan.
            await().atMost(Duration.ofSeconds(30)).until(() -> callers.stream()
                    .allMatch(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING));
            scanMayFinish.countDown();
            for (Thread caller : callers) {
                caller.join();
            }
            assertThat(monitor.scanCount()).isEqualTo(1);

            monitor.current();
            assertThat(monitor.scanCount()).isEqualTo(2);
        }
    }

    @Test
    void callersThatGiveUpOnAStuckScanStartNoSecondScanAndTheScanStillServesWhenItEnds() throws InterruptedException {
        CountDownLatch scanMayFinish = new CountDownLatch(1);
        try (NamespaceMonitor monitor = NamespaceMonitor.builder().cacheTtl(Duration.ofMinutes(5))
                .scanTimeout(Duration.ofMillis(50)).build()) {
            monitor.addScanListener(result -> awaitQuietly(scanMayFinish)); // a scan that hangs

            for (int i = 0; i < 5; i++) {
                MonitorResult gaveUp = monitor.current();
                assertThat(gaveUp.isSupported()).isFalse();
                assertThat(gaveUp.unsupportedReason()).get().asString().contains("did not finish within");
            }
            assertThat(monitor.scanCount()).isEqualTo(1);

            scanMayFinish.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> monitor.current().isSupported());
            assertThat(monitor.scanCount()).isEqualTo(1);
        }
    }

    @Test
    void closingTheMonitorReleasesACallerWaitingForAScan() throws InterruptedException {
        CountDownLatch stuck = new CountDownLatch(1);
        NamespaceMonitor monitor = NamespaceMonitor.builder().scanTimeout(Duration.ofMinutes(5)).build();
        monitor.addScanListener(result -> awaitIgnoringInterrupts(stuck)); // a scan that even shutdownNow cannot end
        List<MonitorResult> seen = new CopyOnWriteArrayList<>();
        Thread caller = new Thread(() -> seen.add(monitor.current()));
        caller.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> caller.getState() == Thread.State.TIMED_WAITING);

        try {
            monitor.close();
            caller.join();

            assertThat(seen).singleElement().satisfies(result ->
                    assertThat(result.unsupportedReason()).get().asString().contains("closed"));
        }
        finally {
            stuck.countDown();
        }
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            }
            catch (InterruptedException e) {
                // stay stuck: this stands for a scan that does not react to interrupts
            }
        }
    }

    @Test
    void aSpilledTaskIsLeakedOnlyAfterTheGracePeriodAndIsLoggedOnceWhenItLeaksAndOnceWhenItRecovers() throws IOException {
        FixtureProcfs procfs = oneSpilledWorker();
        try (NamespaceMonitor monitor = fixtureMonitor(Duration.ofSeconds(10))) {
            assertThat(monitor.current().leakedTasks()).isEmpty();
            now.addAndGet(Duration.ofSeconds(9).toNanos());
            assertThat(monitor.current().leakedTasks()).isEmpty();

            now.addAndGet(Duration.ofSeconds(1).toNanos());
            MonitorResult leaked = monitor.current();
            assertThat(leaked.leakedTasks()).extracting(s -> s.task().tid()).containsExactly(101);
            assertThat(leaked.leakedTasksByType()).containsEntry("uts", 1).containsEntry("net", 0).hasSize(10);
            now.addAndGet(Duration.ofSeconds(5).toNanos());
            assertThat(monitor.current().hasLeaks()).isTrue();
            assertThat(listener.leaked).hasSize(1);
            assertThat(listener.leaked.get(0)).contains("task 101", "uts: 4026532177 (reference 4026531838)");

            relink(procfs, 101, "uts", 4026531838L);
            assertThat(monitor.current().hasLeaks()).isFalse();
            assertThat(listener.recovered).containsExactly(new TaskId(101, 1101));
            monitor.current();
            assertThat(listener.leaked).hasSize(1);
            assertThat(listener.recovered).hasSize(1);
        }
    }

    @Test
    void aTaskThatHopsFromOneForeignNamespaceToAnotherKeepsItsGraceClockRunning() throws IOException {
        FixtureProcfs procfs = oneSpilledWorker();
        try (NamespaceMonitor monitor = fixtureMonitor(Duration.ofSeconds(10))) {
            firstSeenEightSecondsAgo(monitor);
            relink(procfs, 101, "uts", FOREIGN_UTS + 1); // a fresh namespace on every run: still spilled
            MonitorResult hopped = monitor.current();
            assertThat(hopped.isSupported()).isTrue();
            assertThat(hopped.report().strayTasks()).extracting(s -> s.task().tid()).containsExactly(101);
            assertThat(hopped.leakedTasks()).isEmpty();

            now.addAndGet(Duration.ofSeconds(2).toNanos());

            assertThat(monitor.current().leakedTasks()).singleElement()
                    .satisfies(leak -> assertThat(leak.namespaces()).containsEntry("uts", FOREIGN_UTS + 1));
        }
    }

    @Test
    void aTaskBackInTheReferenceNamespacesStartsAfreshWhenItSpillsAgain() throws IOException {
        FixtureProcfs procfs = oneSpilledWorker();
        try (NamespaceMonitor monitor = fixtureMonitor(Duration.ofSeconds(10))) {
            firstSeenEightSecondsAgo(monitor);
            relink(procfs, 101, "uts", FixtureProcfs.HOST.get("uts")); // restored, as correct raw code does
            assertThat(monitor.current().report().strayTasks()).isEmpty();
            relink(procfs, 101, "uts", FOREIGN_UTS);
            now.addAndGet(Duration.ofSeconds(8).toNanos());

            assertThat(monitor.current().leakedTasks()).isEmpty();
        }
    }

    @Test
    void anUnreadableProcfsGivesAnUnsupportedResultAndNeverThrows() {
        try (NamespaceMonitor monitor = NamespaceMonitor.builder().scanner(new TaskScanner(root.resolve("nothing"))).build()) {
            MonitorResult result = monitor.current();

            assertThat(result.isSupported()).isFalse();
            assertThat(result.unsupportedReason()).get().asString().contains("no procfs");
            assertThat(result.hasLeaks()).isFalse();
            assertThat(result.leakedTasksByType()).isEmpty();
        }
    }

    @Test
    void aFailingScanListenerDoesNotCostTheScan() {
        try (NamespaceMonitor monitor = NamespaceMonitor.builder().build()) {
            monitor.addScanListener(result -> {
                throw new IllegalStateException("listener bug");
            });

            assertThat(monitor.current().isSupported()).isTrue();
        }
    }

    @Test
    void aCallerThatIsItselfInAForeignMountNamespaceStillGetsACorrectReport() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (NamespaceMonitor monitor = NamespaceMonitor.builder().cacheTtl(Duration.ZERO).build()) {
            List<MonitorResult> seenByVictim = new CopyOnWriteArrayList<>();
            // The victim hides /proc in its own mount namespace, then asks the monitor.
            try (SpillingThread victim = SpillingThread.start("victim-caller", () -> {
                LinuxNative.unshare(LinuxAbi.CLONE_FS | LinuxAbi.CLONE_NEWNS);
                PrivateProc.hide(); // mount(2), no mount(8): a child would give the JDK a process reaper born here
                if (Files.exists(Path.of("/proc/self"))) {
                    throw new IllegalStateException("/proc is still visible to the victim thread");
                }
                seenByVictim.add(monitor.current());
            })) {
                MonitorResult result = seenByVictim.get(0);
                assertThat(result.isSupported()).isTrue();
                assertThat(result.leakedTasks()).extracting(s -> s.task().tid()).containsExactly(victim.tid());
                assertThat(result.leakedTasks().get(0).differences()).containsOnlyKeys("mnt");
            }
        }
    }


    /** The leader and task 101 ({@code pool-1-thread-1}) in a foreign uts namespace. */
    private FixtureProcfs oneSpilledWorker() {
        return FixtureProcfs.create(root, 100).task(100, "java", FixtureProcfs.HOST)
                .task(101, "pool-1-thread-1", FixtureProcfs.hostWith(Map.of("uts", FOREIGN_UTS)));
    }

    /** A first scan, then the ticker 8 s on: within a 10 s grace period, 2 s short of it. */
    private void firstSeenEightSecondsAgo(NamespaceMonitor monitor) {
        monitor.current();
        now.addAndGet(Duration.ofSeconds(8).toNanos());
    }

    private NamespaceMonitor fixtureMonitor(Duration grace) {
        return NamespaceMonitor.builder().scanner(new TaskScanner(root)).gracePeriod(grace).cacheTtl(Duration.ZERO)
                .ticker(now::get).listener(listener).build();
    }

    @Test
    void theBackgroundCheckScansWithoutAnyCallerAndTellsTheListenersOfALeak() throws IOException {
        FixtureProcfs.create(root, 100).task(100, "java", FixtureProcfs.HOST)
                .task(101, "pool-1-thread-1", FixtureProcfs.hostWith(Map.of("uts", FOREIGN_UTS)))
                .task(102, "pool-1-thread-2", FixtureProcfs.hostWith(Map.of("uts", FOREIGN_UTS)));
        try (NamespaceMonitor monitor = NamespaceMonitor.builder().scanner(new TaskScanner(root)).cacheTtl(Duration.ZERO)
                .checkInterval(Duration.ofMillis(20)).listener(listener).build()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> listener.leaked.size() == 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> monitor.scanCount() >= 3); // it goes on checking
            assertThat(listener.leaked).hasSize(2); // each leak told once
            // The header states the real count, not "1 of 3" for each of two leaks.
            assertThat(listener.leaked).anySatisfy(text -> assertThat(text)
                    .startsWith("task 101 \"pool-1-thread-1\" newly leaked; 2 of 3 tasks of pid 100 leaked in all"));
        }
    }

    @Test
    void theBackgroundCheckMakesNoScanWhileCallersKeepTheResultFresh() throws IOException {
        FixtureProcfs.create(root, 100).task(100, "java", FixtureProcfs.HOST);
        // A clock that stands still: every result stays as fresh as a caller's result within the
        // interval. Each check reads it once, so its reads prove that checks ran.
        AtomicLong reads = new AtomicLong();
        try (NamespaceMonitor monitor = NamespaceMonitor.builder().scanner(new TaskScanner(root))
                .cacheTtl(Duration.ZERO).checkInterval(Duration.ofMillis(5)).ticker(() -> {
                    reads.incrementAndGet();
                    return 0L;
                }).build()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> monitor.scanCount() == 1); // the first check
            long readsAfterFirstScan = reads.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> reads.get() >= readsAfterFirstScan + 20);
            assertThat(monitor.scanCount()).isEqualTo(1);
        }
    }

    @Test
    void withoutACheckIntervalNothingScansUntilACallerAsks() throws IOException {
        FixtureProcfs.create(root, 100).task(100, "java", FixtureProcfs.HOST);
        AtomicLong reads = new AtomicLong();
        try (NamespaceMonitor monitor = NamespaceMonitor.builder().scanner(new TaskScanner(root)).ticker(() -> {
            reads.incrementAndGet();
            return 0L;
        }).build()) {
            assertThat(monitor.scanCount()).isZero();
            assertThat(reads.get()).isZero();
            monitor.current();
            assertThat(monitor.scanCount()).isEqualTo(1);
        }
    }

    @Test
    void negativeDurationsAreRejectedNamingTheSetting() {
        assertThatIllegalArgumentException().isThrownBy(() -> NamespaceMonitor.builder().gracePeriod(Duration.ofSeconds(-1)))
                .withMessageContaining("gracePeriod");
        assertThatIllegalArgumentException().isThrownBy(() -> NamespaceMonitor.builder().cacheTtl(Duration.ofMillis(-1)))
                .withMessageContaining("cacheTtl");
        assertThatIllegalArgumentException().isThrownBy(() -> NamespaceMonitor.builder().checkInterval(Duration.ofSeconds(-30)))
                .withMessageContaining("checkInterval");
        assertThatIllegalArgumentException().isThrownBy(() -> NamespaceMonitor.builder().scanTimeout(Duration.ZERO))
                .withMessageContaining("scanTimeout");
    }

    private static void relink(FixtureProcfs procfs, int tid, String type, long inode) throws IOException {
        Path link = procfs.taskDir(tid).resolve("ns").resolve(type);
        Files.delete(link);
        Files.createSymbolicLink(link, Path.of(type + ":[" + inode + "]"));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class RecordingListener implements LeakListener {
        final List<String> leaked = new CopyOnWriteArrayList<>();
        final List<TaskId> recovered = new CopyOnWriteArrayList<>();

        @Override
        public void leaked(SpilledTask task, String rendering) {
            leaked.add(rendering);
        }

        @Override
        public void recovered(TaskId id, String name) {
            recovered.add(id);
        }
    }
}
