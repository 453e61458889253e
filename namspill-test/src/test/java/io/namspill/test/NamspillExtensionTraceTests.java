package io.namspill.test;

import static io.namspill.test.Fixtures.failureOf;
import static io.namspill.test.Fixtures.reportEntries;
import static io.namspill.test.Fixtures.statusOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL;

import io.namspill.internal.linux.LinuxAbi;
import io.namspill.testing.IdlePool;
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

    /** One test that leaks a pool task named after the fixture class; subclasses bring the extension. */
    @Fixture
    abstract static class LeaksFromAPool {
        @Test
        void leaks() throws Exception {
            LeakyPool.leak(getClass().getSimpleName());
        }

        @AfterAll
        static void release() throws InterruptedException {
            LeakyPool.close();
        }
    }

    static class TracedByBuilder extends LeaksFromAPool {
        @RegisterExtension
        static NamspillExtension namspill = NamspillExtension.builder().trace(true).build();
    }

    @Test
    void aTracingExtensionNamesTheCallAndTheMethodThatLeakedInTheFailure() {
        EngineExecutionResults results = Fixtures.runCreatingNamespaces(TracedByBuilder.class);

        assertThat(failureOf(results, "leaks").getMessage())
                .contains("\"TracedByBuilder\"", "LinkedBlockingQueue.take", "origin: unshare(uts) at ", "on \"TracedByBuilder\"",
                        "at " + LeakyPool.class.getName() + ".unshareUts(NamspillExtensionTraceTests.java:");
    }

    @ExtendWith(NamspillExtension.class)
    static class TracedByConfiguration extends LeaksFromAPool {
    }

    @Test
    void theAutoDetectedFormTracesWhenTheConfigurationSaysSo() {
        EngineExecutionResults results = Fixtures.runCreatingNamespaces(TracedByConfiguration.class, NamspillExtension.TRACE_PARAMETER, "true");

        assertThat(failureOf(results, "leaks").getMessage()).contains("origin: unshare(uts)",
                LeakyPool.class.getName() + ".unshareUts(");
    }

    static class IgnoringTheOrigin extends LeaksFromAPool {
        @RegisterExtension
        static NamspillExtension namspill = NamspillExtension.builder().trace(true)
                .ignoreOrigins(".*\\$LeakyPool\\.unshareUts").build();
    }

    @Test
    void aLeakWhoseOriginMatchesAnIgnoredFrameDoesNotFail() {
        EngineExecutionResults results = Fixtures.runCreatingNamespaces(IgnoringTheOrigin.class);

        assertThat(statusOf(results, "leaks")).isEqualTo(SUCCESSFUL);
    }

    static class ReportOnly extends LeaksFromAPool {
        @RegisterExtension
        static NamspillExtension namspill = NamspillExtension.builder().trace(true).failOnSpill(false).build();
    }

    @Test
    void reportOnlyModeTurnsTheFailureIntoAReportEntry() {
        EngineExecutionResults results = Fixtures.runCreatingNamespaces(ReportOnly.class);

        assertThat(statusOf(results, "leaks")).isEqualTo(SUCCESSFUL);
        assertThat(reportEntries(results, "leaks", NamspillExtension.REPORT_KEY)).singleElement()
                .satisfies(entry -> assertThat(entry).startsWith("spilled (reported only, namspill.extension.fail-on-spill=false): 1 of ")
                        .contains("\"ReportOnly\"", "origin: unshare(uts)"));
    }
}
