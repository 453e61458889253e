package io.namspill.test;

import static io.namspill.test.Fixtures.failureOf;
import static io.namspill.test.Fixtures.reportEntries;
import static io.namspill.test.Fixtures.statusOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL;

import io.namspill.internal.linux.LinuxAbi;
import io.namspill.testing.IdlePool;
import io.namspill.testing.Privileges;
import io.namspill.testing.RawJna;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The extension with the origin trace: the failure names the code that leaked, after the pool
 * worker went back to idling; origins can be ignored; spills can be reported instead of failing.
 * Runs in the {@code origin-trace} Surefire execution: the trace stays for the JVM's life.
 */
@Tag("origin-trace")
class NamspillExtensionTraceTests {

    /** The leak every fixture makes: a pool task that unshares through its own JNA binding. */
    static final class LeakyPool {
        static volatile IdlePool pool;

        static void leak(String name) throws Exception {
            pool = new IdlePool(name);
            pool.run(LeakyPool::unshareUts);
        }

        private static Void unshareUts() {
            RawJna.LIBC.unshare(LinuxAbi.CLONE_NEWUTS);
            return null;
        }

        static void close() throws InterruptedException {
            if (pool != null) {
                pool.close();
            }
        }
    }

    @Fixture
    static class TracedByBuilder {
        @RegisterExtension
        static NamspillExtension namspill = NamspillExtension.builder().trace(true).build();

        @Test
        void leaks() throws Exception {
            LeakyPool.leak("traced-builder");
        }

        @AfterAll
        static void release() throws InterruptedException {
            LeakyPool.close();
        }
    }

    @Test
    void aTracingExtensionNamesTheCallAndTheMethodThatLeakedInTheFailure() {
        Privileges.assumeCanCreateNamespaces();

        EngineExecutionResults results = Fixtures.run(TracedByBuilder.class);

        assertThat(failureOf(results, "leaks").getMessage())
                .contains("\"traced-builder\"", "LinkedBlockingQueue.take", "origin: unshare(uts) at ", "on \"traced-builder\"",
                        "at " + LeakyPool.class.getName() + ".unshareUts(NamspillExtensionTraceTests.java:");
    }

    @Fixture
    @ExtendWith(NamspillExtension.class)
    static class TracedByConfiguration {
        @Test
        void leaks() throws Exception {
            LeakyPool.leak("traced-config");
        }

        @AfterAll
        static void release() throws InterruptedException {
            LeakyPool.close();
        }
    }

    @Test
    void theAutoDetectedFormTracesWhenTheConfigurationSaysSo() {
        Privileges.assumeCanCreateNamespaces();

        EngineExecutionResults results = Fixtures.run(TracedByConfiguration.class, NamspillExtension.TRACE_PARAMETER, "true");

        assertThat(failureOf(results, "leaks").getMessage()).contains("origin: unshare(uts)",
                LeakyPool.class.getName() + ".unshareUts(");
    }

    @Fixture
    static class IgnoringTheOrigin {
        @RegisterExtension
        static NamspillExtension namspill = NamspillExtension.builder().trace(true)
                .ignoreOrigins(".*\\$LeakyPool\\.unshareUts").build();

        @Test
        void leaksOnPurpose() throws Exception {
            LeakyPool.leak("ignored-origin");
        }

        @AfterAll
        static void release() throws InterruptedException {
            LeakyPool.close();
        }
    }

    @Test
    void aLeakWhoseOriginMatchesAnIgnoredFrameDoesNotFail() {
        Privileges.assumeCanCreateNamespaces();

        EngineExecutionResults results = Fixtures.run(IgnoringTheOrigin.class);

        assertThat(statusOf(results, "leaksOnPurpose")).isEqualTo(SUCCESSFUL);
    }

    @Fixture
    static class ReportOnly {
        @RegisterExtension
        static NamspillExtension namspill = NamspillExtension.builder().trace(true).failOnSpill(false).build();

        @Test
        void leaks() throws Exception {
            LeakyPool.leak("report-only");
        }

        @AfterAll
        static void release() throws InterruptedException {
            LeakyPool.close();
        }
    }

    @Test
    void reportOnlyModeTurnsTheFailureIntoAReportEntry() {
        Privileges.assumeCanCreateNamespaces();

        EngineExecutionResults results = Fixtures.run(ReportOnly.class);

        assertThat(statusOf(results, "leaks")).isEqualTo(SUCCESSFUL);
        assertThat(reportEntries(results, "leaks", NamspillExtension.REPORT_KEY)).singleElement()
                .satisfies(entry -> assertThat(entry).startsWith("spilled (reported only, namspill.extension.fail-on-spill=false): 1 of ")
                        .contains("\"report-only\"", "origin: unshare(uts)"));
    }
}
