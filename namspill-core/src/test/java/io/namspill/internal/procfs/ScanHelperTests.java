package io.namspill.internal.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.namspill.internal.linux.FileCalls;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.snapshot.Task;
import io.namspill.snapshot.TaskScanner;
import io.namspill.snapshot.TaskSnapshot;
import io.namspill.testing.ParkedThreads;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import io.namspill.testing.ThreadChurn;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The second reading thread of large scans: where it may come from, and that it changes nothing but speed. */
class ScanHelperTests {

    /** Enough tasks for a scan to be worth helping. */
    private static final int PARKED = ScanHelper.MIN_TASKS + 44;

    private final ScanHelper.Slot slot = new ScanHelper.Slot();
    /** Detailed scans, so that tasks can be told by name. */
    private final ProcfsScan helped = new ProcfsScan(TaskScanner.DEFAULT_PROCFS, SwitchRegistry.GLOBAL, Clock.systemUTC(), slot, true);
    private final ProcfsScan alone = new ProcfsScan(TaskScanner.DEFAULT_PROCFS, SwitchRegistry.GLOBAL, Clock.systemUTC(), null, true);
    /** Scans as {@code Namspill.tasks()} reads: name and start time only where a report could flag the task. */
    private final ProcfsScan leanHelped = new ProcfsScan(TaskScanner.DEFAULT_PROCFS, SwitchRegistry.GLOBAL, Clock.systemUTC(), slot);
    private final ProcfsScan leanAlone = new ProcfsScan(TaskScanner.DEFAULT_PROCFS, SwitchRegistry.GLOBAL, Clock.systemUTC(), null);

    @BeforeEach
    void helpingIsPossible() {
        if (Boolean.getBoolean("namspill.requirePrivileged")) {
            assertThat(FileCalls.unavailableReason()).isEmpty();
        }
        Assumptions.assumeTrue(FileCalls.isAvailable(), () -> "no descriptor scan: " + FileCalls.unavailableReason());
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one processor: scans read alone");
    }

    @Test
    void startsOnlyAfterALargeScanOnAThreadInTheReferenceNamespaces() throws Exception {
        helped.scan();
        assertThat(slot.thread()).as("few tasks: no helper").isEmpty();

        try (ParkedThreads parked = new ParkedThreads(PARKED, "parked-")) {
            helped.scan();
            Thread helper = slot.thread().orElseThrow();
            assertThat(helper.getName()).isEqualTo("namspill-scan");
            assertThat(helper.isDaemon()).isTrue();

            TaskSnapshot snapshot = helped.scan();
            Task helperTask = snapshot.tasks().stream().filter(t -> t.name().equals("namspill-scan")).findFirst()
                    .orElseThrow();
            assertThat(helperTask.namespaces()).isEqualTo(snapshot.leader().orElseThrow().namespaces());
        }
    }

    @Test
    void neverStartsOnASpilledThread() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        AtomicReference<TaskSnapshot> seenFromSpilled = new AtomicReference<>();
        try (ParkedThreads parked = new ParkedThreads(PARKED, "parked-");
                SpillingThread spilled = SpillingThread.start("spilled-scanner", () -> {
                    LinuxNative.unshare(LinuxAbi.CLONE_NEWUTS);
                    seenFromSpilled.set(helped.scan());
                })) {
            // A helper started there would inherit the foreign uts namespace: a leak made by namspill.
            assertThat(seenFromSpilled.get().tasks()).hasSizeGreaterThan(PARKED);
            assertThat(slot.thread()).isEmpty();
        }
    }

    @Test
    void aHelpedScanReadsWhatOneThreadReads() throws Exception {
        try (ParkedThreads parked = new ParkedThreads(PARKED, "parked-")) {
            helped.scan();
            assertThat(slot.thread()).isPresent();

            Map<Integer, String> together = parkedTasks(helped.scan());
            Map<Integer, String> single = parkedTasks(alone.scan());

            assertThat(together).hasSize(PARKED).isEqualTo(single);
        }
    }

    @Test
    void aHelpedScanComparesWithTheLeaderAsOneThreadDoesAndReadsTheSpilledTaskWhole() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (ParkedThreads parked = new ParkedThreads(PARKED, "parked-");
                SpillingThread spilled = SpillingThread.unsharing("helped-spill", LinuxAbi.CLONE_NEWUTS)) {
            leanHelped.scan();
            assertThat(slot.thread()).isPresent();
            await().atMost(Duration.ofSeconds(30)).until(() -> slot.thread().orElseThrow().getState() == Thread.State.WAITING);

            TaskSnapshot together = leanHelped.scan();
            TaskSnapshot single = leanAlone.scan();

            Map<Integer, String> togetherTasks = describeAll(together);
            Map<Integer, String> singleTasks = describeAll(single);
            togetherTasks.keySet().retainAll(singleTasks.keySet());
            assertThat(togetherTasks).hasSizeGreaterThan(PARKED);
            togetherTasks.forEach((tid, task) -> assertThat(task).isEqualTo(singleTasks.get(tid)));
            Task spilledTask = together.tasks().stream().filter(t -> t.tid() == spilled.tid()).findFirst().orElseThrow();
            assertThat(spilledTask.isDetailed()).isTrue();
            assertThat(spilledTask.name()).isEqualTo("helped-spill");
            assertThat(spilledTask.id().startTime()).isPositive();
            assertThat(spilledTask.namespace("uts")).isNotEqualTo(together.leader().orElseThrow().namespace("uts"));
            assertThat(together.tasks().stream().filter(t -> !t.isLeader() && t.tid() != spilled.tid()))
                    .hasSizeGreaterThan(PARKED).noneMatch(Task::isDetailed);
        }
    }

    @Test
    void aHelpedScanSkipsTasksThatEndWhileItReadsThem() throws InterruptedException {
        int churnTasksSeen = 0;
        try (ParkedThreads parked = new ParkedThreads(PARKED, "parked-")) {
            helped.scan();
            assertThat(slot.thread()).isPresent();
            // Started after the helper, so that no churning thread starts the helper.
            try (ThreadChurn churn = ThreadChurn.start()) {
                for (int scan = 0; scan < 100; scan++) {
                    TaskSnapshot snapshot = helped.scan();
                    assertThat(snapshot.isSupported()).as("%s", snapshot).isTrue();
                    assertThat(parkedTasks(snapshot)).hasSize(PARKED);
                    for (Task task : snapshot.tasks()) {
                        if (task.name().startsWith("churn")) {
                            churnTasksSeen++;
                            assertThat(task.unknownTypes()).as("%s", task).isEmpty();
                        }
                    }
                }
            }
        }
        assertThat(churnTasksSeen).as("churning tasks the scans read").isPositive();
    }

    @Test
    void aFailureOnTheHelperFailsTheScan() {
        ScanHelper helper = slot.start();
        FakeTree tree = new FakeTree(2000, tid -> {
            if (Thread.currentThread().getName().equals("namspill-scan")) {
                throw new UnsupportedProcfs("malformed on the helper");
            }
            return null;
        });

        // The helper joins a scan only while it waits for one; until then the caller reads alone.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                helper.readTogether(tree, tree.scan, tree.tids(), new Task[tree.tids().length]);
                return false;
            }
            catch (UnsupportedProcfs e) {
                assertThat(e).hasMessage("malformed on the helper");
                return true;
            }
        });
    }

    @Test
    void aFailureOnTheCallerWaitsForTheHelperBeforeItEndsTheScan() throws Exception {
        ScanHelper helper = slot.start();
        CountDownLatch helperReading = new CountDownLatch(1);
        CountDownLatch scanEnded = new CountDownLatch(1);
        AtomicBoolean readAfterTheScanEnded = new AtomicBoolean();
        FakeTree failing = new FakeTree(2000, tid -> {
            if (Thread.currentThread().getName().equals("namspill-scan")) {
                if (helperReading.getCount() > 0) {
                    helperReading.countDown();
                    // Hold this read open: a caller that does not wait for it ends the scan meanwhile.
                    readAfterTheScanEnded.set(awaitQuietly(scanEnded, Duration.ofMillis(500)));
                }
            }
            else if (helperReading.getCount() == 0) {
                throw new UnsupportedProcfs("malformed on the caller");
            }
            return null;
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                // read without the helper's help (it was not waiting yet, or never got to read): again
                helper.readTogether(failing, failing.scan, failing.tids(), new Task[2000]);
                return false;
            }
            catch (UnsupportedProcfs e) {
                assertThat(e).hasMessage("malformed on the caller");
                return true;
            }
        });
        scanEnded.countDown(); // TaskScanner closes the tree's descriptors here

        // The helper serves one scan at a time: once it has joined another one, it is done with the first.
        FakeTree next = new FakeTree(2000, tid -> null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> helper.readTogether(next, next.scan, next.tids(), new Task[2000]) && next.helperReads.get() > 0);
        assertThat(readAfterTheScanEnded).isFalse();
    }

    private static boolean awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void everyTaskIsReadExactlyOnceByOneOfTheThreads() {
        ScanHelper helper = slot.start();
        FakeTree tree = new FakeTree(5000, tid -> null);
        Task[] tasks = new Task[5000];

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            tree.reads.set(0);
            tree.helperReads.set(0);
            return helper.readTogether(tree, tree.scan, tree.tids(), tasks) && tree.helperReads.get() > 0;
        });

        assertThat(tree.reads).hasValue(5000);
        assertThat(tasks).extracting(Task::tid).containsExactly(IntStream.range(1, 5001).boxed().toArray(Integer[]::new));
    }

    private static Map<Integer, String> describeAll(TaskSnapshot snapshot) {
        return snapshot.tasks().stream().collect(Collectors.toMap(Task::tid,
                t -> t.id() + " " + t.name() + " " + t.isDetailed() + " " + t.namespaces(), (a, b) -> a, java.util.HashMap::new));
    }

    private static Map<Integer, String> parkedTasks(TaskSnapshot snapshot) {
        return snapshot.tasks().stream().filter(t -> t.name().startsWith("parked-"))
                .collect(Collectors.toMap(Task::tid, t -> t.id() + " " + t.name() + " " + t.namespaces()));
    }

    /** Tasks 1..n read by a stand-in reader; {@code behaviour} may throw, else the task is made up. */
    private static final class FakeTree extends TaskTree {

        final ScanContext scan = new ScanContext(1, List.of("net"), new SwitchRegistry(), 0);
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger helperReads = new AtomicInteger();
        private final IntFunction<Task> behaviour;

        FakeTree(int tasks, IntFunction<Task> behaviour) {
            super("fake", 1, IntStream.rangeClosed(1, tasks).toArray(), List.of("net"));
            this.behaviour = behaviour;
        }

        @Override
        public boolean readsByDescriptor() {
            return true;
        }

        @Override
        public Reader reader(ScanContext context) {
            return new Reader() {
                @Override
                public Task read(int tid) {
                    reads.incrementAndGet();
                    if (Thread.currentThread().getName().equals("namspill-scan")) {
                        helperReads.incrementAndGet();
                    }
                    Task task = behaviour.apply(tid);
                    return task != null ? task : scan.task(tid, tid, "task-" + tid, new long[] {4026531840L});
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
