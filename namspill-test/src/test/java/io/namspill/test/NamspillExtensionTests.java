package io.namspill.test;

import static io.namspill.test.Fixtures.failureOf;
import static io.namspill.test.Fixtures.reportEntries;
import static io.namspill.test.Fixtures.statusOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.TestExecutionResult.Status.FAILED;
import static org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL;

import io.namspill.internal.jvm.CpuTimeThreadCorrelator;
import io.namspill.internal.jvm.HotSpotThreadCorrelator;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.jvm.JavaThread;
import io.namspill.snapshot.TaskScanner;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.SpillingThread;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Runs small fixture classes through EngineTestKit and checks what the extension made of them.
 * The extension also checks these tests themselves: whatever a fixture spills must be released
 * before the test that ran it ends.
 */
@ExtendWith(NamspillExtension.class)
class NamspillExtensionTests {

    /** The threads the fixtures leave behind, released by each fixture's @AfterAll. */
    static final List<SpillingThread> leaks = new ArrayList<>();

    static synchronized SpillingThread leak(String name) {
        SpillingThread leak = SpillingThread.unsharing(name, LinuxAbi.CLONE_NEWUTS);
        leaks.add(leak);
        return leak;
    }

    static synchronized void releaseLeaks() {
        leaks.forEach(SpillingThread::close);
        leaks.clear();
    }

    static long utsOf(SpillingThread leak) {
        return NamespaceLinks.inode(Path.of("/proc/self/task/" + leak.tid() + "/ns/uts"));
    }

    // ---- a leak fails the test that made it, once ----

    @Fixture
    @ExtendWith(NamspillExtension.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class LeakThenClean {

        static volatile SpillingThread leak;
        static volatile long uts;

        @Test
        @Order(1)
        void leaks() {
            leak = leak("leaky-worker");
            uts = utsOf(leak);
        }

        @Test
        @Order(2)
        void staysClean() {
        }

        @AfterAll
        static void release() {
            releaseLeaks();
        }
    }

    @Test
    void aTestThatLeavesATaskInAnotherNamespaceFailsWithTheTaskItsThreadAndTheNamespace() {
        EngineExecutionResults results = Fixtures.runCreatingNamespaces(LeakThenClean.class);

        int tid = LeakThenClean.leak.tid();
        assertThat(failureOf(results, "leaks"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("1 of ")
                .hasMessageContaining("- task " + tid + " \"leaky-worker\", Java thread \"leaky-worker\" (id "
                        + LeakThenClean.leak.thread().getId() + ", ")
                .satisfies(failure -> assertThat(failure.getMessage()).containsPattern("\\(id \\d+, (TIMED_)?WAITING, daemon, named by cpu-time\\)"))
                .hasMessageContaining("    uts: " + LeakThenClean.uts + " (reference " + NamespaceLinks.ofLeader("uts") + ")")
                .hasMessageContaining("at io.namspill.testing.SpillingThread")
                .hasMessageNotContaining("parallel")
                .satisfies(failure -> assertThat(failure.getMessage().split("\n- task ", -1)).hasSize(2));
    }

    @Test
    void theTestsAfterALeakPassAndAreToldAboutIt() {
        EngineExecutionResults results = Fixtures.runCreatingNamespaces(LeakThenClean.class);

        assertThat(statusOf(results, "staysClean")).isEqualTo(SUCCESSFUL);
        assertThat(reportEntries(results, "staysClean", NamspillExtension.REPORT_KEY)).singleElement(
                org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("1 task was already attached to other namespaces before this test")
                .endsWith("task " + LeakThenClean.leak.tid() + " \"leaky-worker\" (uts)");
        assertThat(reportEntries(results, "leaks", NamspillExtension.REPORT_KEY)).isEmpty();
    }

    // ---- settle: a thread still exiting when the test returns is no leak ----

    /** Leaks a thread that ends only once the extension waits for it to settle. */
    @Fixture
    abstract static class EndsWhileSettling {

        static volatile SpillingThread leak;
        static volatile Thread releaser;
        static volatile boolean giveUp;

        @Test
        void leaksAThreadThatEndsSoonAfter() {
            leak = leak("short-lived");
            Thread testThread = Thread.currentThread();
            releaser = new Thread(() -> {
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(10))
                        .until(() -> giveUp || LockSupport.getBlocker(testThread) == SettlingCheck.SETTLING);
                leak.close();
            }, "releaser");
            releaser.start();
        }

        static void reset() {
            leak = null;
            releaser = null;
            giveUp = false;
        }

        /** Lets the releaser end without waiting for a settle that does not come. */
        static void stop() throws InterruptedException {
            giveUp = true;
            releaser.join();
            releaseLeaks();
        }
    }

    static class SettlesLongEnough extends EndsWhileSettling {

        @RegisterExtension
        static final NamspillExtension namspill = NamspillExtension.builder().settle(Duration.ofMinutes(1)).build();
    }

    static class DoesNotSettle extends EndsWhileSettling {

        @RegisterExtension
        static final NamspillExtension namspill = NamspillExtension.builder().settle(Duration.ZERO).build();
    }

    @Test
    void aThreadThatEndsWithinTheSettleTimeDoesNotFailTheTest() throws InterruptedException {
        EndsWhileSettling.reset();

        EngineExecutionResults results = Fixtures.runCreatingNamespaces(SettlesLongEnough.class);
        EndsWhileSettling.stop();

        assertThat(statusOf(results, "leaksAThreadThatEndsSoonAfter")).isEqualTo(SUCCESSFUL);
        assertThat(EndsWhileSettling.leak.thread().isAlive()).isFalse();
    }

    @Test
    void withoutSettleTimeTheSameThreadFailsTheTest() throws InterruptedException {
        EndsWhileSettling.reset();

        EngineExecutionResults results = Fixtures.runCreatingNamespaces(DoesNotSettle.class);
        EndsWhileSettling.stop();

        assertThat(failureOf(results, "leaksAThreadThatEndsSoonAfter"))
                .hasMessageContaining("- task " + EndsWhileSettling.leak.tid() + " \"short-lived\"");
    }

    // ---- ignore: patterns (builder and configuration) and a predicate ----

    /** Java thread names longer than a task name (15 bytes): only a thread dump tells them. */
    static final String LONG_NAME = "namespaced-background-worker";

    @Fixture
    abstract static class LeaksTwoThreads {

        static volatile SpillingThread onPurpose;

        @Test
        void leaksOnPurpose() {
            onPurpose = leak(LONG_NAME);
        }

        @Test
        void leaksByMistake() {
            leak("leaky-worker");
        }

        @AfterAll
        static void release() {
            releaseLeaks();
        }
    }

    static class IgnoredByPattern extends LeaksTwoThreads {

        @RegisterExtension
        static final NamspillExtension namspill = NamspillExtension.builder().ignoreThreads("unrelated", "namespaced-background-.*")
                .build();
    }

    static class IgnoredByPredicate extends LeaksTwoThreads {

        @RegisterExtension
        static final NamspillExtension namspill = NamspillExtension.builder()
                .ignore(task -> task.thread().map(JavaThread::name).filter(LONG_NAME::equals).isPresent())
                .build();
    }

    @ExtendWith(NamspillExtension.class)
    static class IgnoredByConfiguration extends LeaksTwoThreads {
    }

    @Test
    void threadNamePatternsOfTheBuilderIgnoreOnlyTheThreadsTheyMatch() {
        EngineExecutionResults results = Fixtures.runCreatingNamespaces(IgnoredByPattern.class);

        assertThat(statusOf(results, "leaksOnPurpose")).isEqualTo(SUCCESSFUL);
        assertThat(failureOf(results, "leaksByMistake")).hasMessageContaining("\"leaky-worker\"").hasMessageNotContaining(LONG_NAME);
    }

    @Test
    void aPredicateIgnoresTheTasksItAccepts() {
        EngineExecutionResults results = Fixtures.runCreatingNamespaces(IgnoredByPredicate.class);

        assertThat(statusOf(results, "leaksOnPurpose")).isEqualTo(SUCCESSFUL);
        assertThat(statusOf(results, "leaksByMistake")).isEqualTo(FAILED);
    }

    @Test
    void threadNamePatternsComeFromTheConfigurationToo() {
        EngineExecutionResults results = Fixtures.runCreatingNamespaces(IgnoredByConfiguration.class,
                NamspillExtension.IGNORED_THREADS_PARAMETER, "unrelated, namespaced-background-.*");

        assertThat(statusOf(results, "leaksOnPurpose")).isEqualTo(SUCCESSFUL);
        assertThat(statusOf(results, "leaksByMistake")).isEqualTo(FAILED);
    }

    @Test
    void withoutIgnoresBothLeaksFail() {
        EngineExecutionResults results = Fixtures.runCreatingNamespaces(IgnoredByConfiguration.class);

        assertThat(failureOf(results, "leaksOnPurpose")).hasMessageContaining("Java thread \"" + LONG_NAME + "\"");
        assertThat(statusOf(results, "leaksByMistake")).isEqualTo(FAILED);
    }

    // ---- auto-detection ----

    @Fixture
    static class NotAnnotated {

        @Test
        void leaks() {
            leak("leaky-worker");
        }

        @AfterAll
        static void release() {
            releaseLeaks();
        }
    }

    @Test
    void autoDetectionChecksTestsWithoutTheAnnotation() {
        EngineExecutionResults results = Fixtures.runCreatingNamespaces(NotAnnotated.class, "junit.jupiter.extensions.autodetection.enabled", "true");

        assertThat(failureOf(results, "leaks")).hasMessageContaining("\"leaky-worker\"");
    }

    @Test
    void withoutAutoDetectionTestsWithoutTheAnnotationAreNotChecked() {
        EngineExecutionResults results = Fixtures.runCreatingNamespaces(NotAnnotated.class);

        assertThat(statusOf(results, "leaks")).isEqualTo(SUCCESSFUL);
    }

    @Fixture
    static class RegisteredBesideAutoDetection extends NotAnnotated {

        @RegisterExtension
        static final NamspillExtension namspill = NamspillExtension.builder().ignoreThreads("leaky-.*").build();
    }

    @Test
    void aRegisteredExtensionOverridesTheAutoDetectedOne() {
        EngineExecutionResults results = Fixtures.runCreatingNamespaces(RegisteredBesideAutoDetection.class,
                "junit.jupiter.extensions.autodetection.enabled", "true");

        assertThat(statusOf(results, "leaks")).isEqualTo(SUCCESSFUL);
    }

    // ---- parallel execution ----

    @Test
    void withParallelExecutionTheFailureSaysThatTheLeakMayBelongToAnotherTest() {
        EngineExecutionResults results = Fixtures.runCreatingNamespaces(LeakThenClean.class, "junit.jupiter.execution.parallel.enabled", "true");

        assertThat(failureOf(results, "leaks"))
                .hasMessageContaining("\"leaky-worker\"")
                .hasMessageEndingWith("Note: JUnit parallel execution is enabled (junit.jupiter.execution.parallel.enabled=true)."
                        + " namspill checks the whole process, so it cannot attribute a spill to one of several tests"
                        + " running at the same time: these tasks may have spilled in a concurrent test.");
    }

    // ---- thread dumps only for new spills ----

    @Fixture
    @ExtendWith(NamspillExtension.class)
    static class LeakBeforeAll {

        @BeforeAll
        static void leakBeforeTheTests() {
            leak("leaky-worker");
        }

        @Test
        void first() {
        }

        @Test
        void second() {
        }

        @AfterAll
        static void release() {
            releaseLeaks();
        }
    }

    @Test
    void tasksThatSpilledBeforeTheTestCostNoNaming() {
        long dumps = HotSpotThreadCorrelator.instance().dumpCount();
        long namings = CpuTimeThreadCorrelator.instance().namingCount();

        EngineExecutionResults results = Fixtures.runCreatingNamespaces(LeakBeforeAll.class);

        assertThat(HotSpotThreadCorrelator.instance().dumpCount()).isEqualTo(dumps);
        assertThat(CpuTimeThreadCorrelator.instance().namingCount()).isEqualTo(namings);
        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(reportEntries(results, "first", NamspillExtension.REPORT_KEY)).hasSize(1);
        assertThat(reportEntries(results, "second", NamspillExtension.REPORT_KEY)).hasSize(1);
    }

    @Test
    void theFirstTestToSeeAnEarlierSpillLogsAWarningAboutIt() {
        try (CapturedLog log = CapturedLog.of(NamspillExtension.class)) {
            EngineExecutionResults results = Fixtures.runCreatingNamespaces(LeakBeforeAll.class);

            results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
            // two tests see the task, one warning names it: where Surefire shows no report entries
            assertThat(log.warnings()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .contains("1 task was already attached to other namespaces before this test")
                    .contains("\"leaky-worker\" (uts)");
        }
    }

    @Test
    void aNewSpillIsNamedWithoutAThreadDump() {
        long dumps = HotSpotThreadCorrelator.instance().dumpCount();
        long namings = CpuTimeThreadCorrelator.instance().namingCount();

        EngineExecutionResults results = Fixtures.runCreatingNamespaces(NotAnnotated.class, "junit.jupiter.extensions.autodetection.enabled", "true");

        assertThat(CpuTimeThreadCorrelator.instance().namingCount()).isGreaterThan(namings);
        // The leaking thread is parked: its CPU time names it, so the dump stays the fallback it is.
        assertThat(HotSpotThreadCorrelator.instance().dumpCount()).isEqualTo(dumps);
        assertThat(failureOf(results, "leaks")).hasMessageContaining("Java thread \"leaky-worker\"")
                .hasMessageContaining("named by cpu-time");
    }

    // ---- unsupported platforms ----

    static volatile Path noProcfs;

    @Fixture
    static class OnAPlatformWithoutProcfs {

        @RegisterExtension
        static final NamspillExtension namspill = NamspillExtension.builder()
                .snapshots(() -> new TaskScanner(noProcfs).scan())
                .build();

        @Test
        void test() {
        }
    }

    @Fixture
    static class OnAPlatformWithoutProcfsStrictly {

        @RegisterExtension
        static final NamspillExtension namspill = NamspillExtension.builder()
                .snapshots(() -> new TaskScanner(noProcfs).scan())
                .failWhenUnsupported(true)
                .build();

        @Test
        void test() {
        }
    }

    @Test
    void whereNamespacesCannotBeReadTestsPassWithAReportEntryGivingTheReason(@TempDir Path empty) {
        noProcfs = empty;

        EngineExecutionResults results = Fixtures.run(OnAPlatformWithoutProcfs.class);

        assertThat(statusOf(results, "test")).isEqualTo(SUCCESSFUL);
        assertThat(reportEntries(results, "test", NamspillExtension.REPORT_KEY))
                .containsExactly("not checked, namespaces cannot be checked: no procfs at " + empty + " ("
                        + empty.resolve("self") + " is missing)");
    }

    @Test
    void whereNamespacesCannotBeReadTestsFailWhenAskedTo(@TempDir Path empty) {
        noProcfs = empty;

        assertThat(failureOf(Fixtures.run(OnAPlatformWithoutProcfsStrictly.class), "test"))
                .hasMessage("namespaces cannot be checked: no procfs at " + empty + " (" + empty.resolve("self") + " is missing)");
        assertThat(failureOf(Fixtures.run(OnAPlatformWithoutProcfs.class,
                NamspillExtension.FAIL_WHEN_UNSUPPORTED_PARAMETER, "true"), "test"))
                .hasMessageStartingWith("namespaces cannot be checked: no procfs at " + empty);
    }

    // ---- configuration errors ----

    @Fixture
    @ExtendWith(NamspillExtension.class)
    static class Plain {

        @Test
        void test() {
        }
    }

    @Test
    void anInvalidConfigurationParameterFailsTheTestNamingIt() {
        assertThat(failureOf(Fixtures.run(Plain.class, NamspillExtension.SETTLE_PARAMETER, "soon"), "test"))
                .isInstanceOf(org.junit.jupiter.api.extension.ExtensionConfigurationException.class)
                .hasMessageContaining("namspill.extension.settle='soon'");
        assertThat(failureOf(Fixtures.run(Plain.class, NamspillExtension.IGNORED_THREADS_PARAMETER, "worker-(\\d"), "test"))
                .hasMessageContaining("namspill.extension.ignored-threads='worker-(\\d'");
    }

    @Test
    void theBuilderRejectsANegativeSettleTimeAndABadPattern() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> NamspillExtension.builder().settle(Duration.ofSeconds(-1)))
                .withMessage("Invalid settle time PT-1S: must not be negative");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> NamspillExtension.builder().ignoreThreads("ok", "worker-(\\d"))
                .withMessageStartingWith("Invalid thread-name pattern 'worker-(\\d'");
    }
}
