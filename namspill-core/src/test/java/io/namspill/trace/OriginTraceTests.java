package io.namspill.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.Namespaces;
import io.namspill.Namspill;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.report.SpillOptions;
import io.namspill.report.SpillReport;
import io.namspill.report.SpilledTask;
import io.namspill.testing.ChildJvm;
import io.namspill.testing.ForeignNamespaces;
import io.namspill.testing.IdlePool;
import io.namspill.testing.Privileges;
import io.namspill.testing.RawJna;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The origin trace in this JVM, for real: raw calls of a pool task through JNA are traced to the
 * method that made them, after the worker went back to idling; namspill's own switches are
 * answered with the switching thread's stack; child processes' calls are let through. Runs in
 * the {@code origin-trace} Surefire execution: the filter stays for the JVM's life.
 */
@Tag("origin-trace")
class OriginTraceTests {

    private static ForeignNamespaces foreign;

    @BeforeAll
    static void enableTrace() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        assertThat(Namspill.enableTrace().active()).as(Namspill.enableTrace().reason()).isTrue();
        foreign = ForeignNamespaces.start("--uts", "--net");
    }

    @AfterAll
    static void stopForeign() {
        if (foreign != null) {
            foreign.close();
        }
    }

    @Test
    void enablingTwiceReturnsTheFirstStatusAndInstallsOneFilter() throws Exception {
        TraceStatus first = Namspill.enableTrace();

        assertThat(Namspill.enableTrace()).isSameAs(first);
        assertThat(Namspill.traceStatus()).contains(first);
        assertThat(Files.readString(Path.of("/proc/self/status"))).contains("Seccomp_filters:\t1");
    }

    @Test
    void aPoolTaskThatUnsharesThroughJnaIsTracedToTheLeakingMethod() throws Exception {
        try (IdlePool pool = new IdlePool("origin-unshare")) {
            pool.run(OriginTraceTests::leakThroughJnaUnshare);

            SpillReport report = Namspill.report();
            SpilledTask leak = pool.strayWorker(report);

            assertThat(leak.thread().orElseThrow().stackTrace()).as("idle in its pool again")
                    .anyMatch(frame -> frame.contains("LinkedBlockingQueue.take"));
            Origin origin = leak.origin().orElseThrow();
            assertThat(origin.syscall()).isEqualTo("unshare");
            assertThat(origin.types()).containsExactly("uts");
            assertThat(origin.threadName()).contains("origin-unshare");
            assertThat(origin.stackTrace()).anyMatch(frame -> frame.startsWith(
                    OriginTraceTests.class.getName() + ".leakThroughJnaUnshare(OriginTraceTests.java:"));
            assertThat(report.render(List.of(leak))).contains("origin: unshare(uts) at ", "on \"origin-unshare\"",
                    "at " + OriginTraceTests.class.getName() + ".leakThroughJnaUnshare(OriginTraceTests.java:");
        }
    }

    @Test
    void aPoolTaskThatEntersANamespaceThroughRawSetnsIsTracedToTheLeakingMethod() throws Exception {
        String target = foreign.namespace("net").toString();
        try (IdlePool pool = new IdlePool("origin-setns")) {
            pool.run(() -> leakThroughRawSetns(target));

            SpilledTask leak = pool.strayWorker();

            Origin origin = leak.origin().orElseThrow();
            assertThat(origin.call()).isEqualTo("setns(net)");
            assertThat(leak.namespaces()).containsEntry("net", foreign.inode("net"));
            assertThat(origin.stackTrace()).anyMatch(frame -> frame.startsWith(
                    OriginTraceTests.class.getName() + ".leakThroughRawSetns(OriginTraceTests.java:"));
        }
    }

    @Test
    void theOriginIsTheLatestCallThatLeftTheTaskWhereItIs() throws Exception {
        try (IdlePool pool = new IdlePool("origin-latest")) {
            pool.run(OriginTraceTests::leakThroughJnaUnshare);
            pool.run(OriginTraceTests::unshareNetToo);

            SpilledTask leak = pool.strayWorker();

            assertThat(leak.differences()).containsOnlyKeys("uts", "net");
            assertThat(leak.origin().orElseThrow().stackTrace())
                    .anyMatch(frame -> frame.contains("OriginTraceTests.unshareNetToo("));
        }
    }

    @Test
    void aSwitchThroughNamespacesIsAnsweredWithTheSwitchingThreadsOwnStack() throws Exception {
        Privileges.assumeCanRestoreNamespaces(); // the switch must return (not so as root of a user namespace only)
        SpilledTask switched = Namespaces.call(foreign.namespace("uts"), OriginTraceTests::switchedSelf);

        Origin origin = switched.origin().orElseThrow();
        assertThat(origin.call()).isEqualTo("setns(uts)");
        assertThat(origin.threadName()).contains(Thread.currentThread().getName());
        assertThat(origin.stackUnavailable()).isEmpty();
        assertThat(origin.applicationFrames()).first().satisfies(frame -> assertThat(frame.getMethodName())
                .isEqualTo("aSwitchThroughNamespacesIsAnsweredWithTheSwitchingThreadsOwnStack"));
    }

    @Test
    void ignoredOriginsSpareLeaksMadeOnPurposeByKnownCode() throws Exception {
        try (IdlePool pool = new IdlePool("origin-ignored")) {
            pool.run(OriginTraceTests::leakThroughJnaUnshare);
            SpillOptions ignoring = SpillOptions.defaults()
                    .withIgnoredOrigins(List.of(Pattern.compile(Pattern.quote(OriginTraceTests.class.getName()) + "\\.leak.*")));

            SpillReport report = SpillReport.of(Namspill.tasks(), ignoring);

            assertThat(report.strayTasks()).noneMatch(task -> task.task().name().equals("origin-ignored"));
            assertThat(pool.strayWorker()).isNotNull(); // still a leak without the pattern
        }
    }

    @Test
    void childProcessesUnsharingWhileTracedSucceed() throws Exception {
        Process child = new ProcessBuilder("unshare", "-u", "true").redirectErrorStream(true).start();

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(new String(child.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void aJvmStartedFromATracedJvmCannotTraceAndSaysWhy() throws Exception {
        ChildJvm.Result child = ChildJvm.run(EnableProbe.class);

        assertThat(child.exitCode()).as(child.output()).isZero();
        assertThat(child.output()).contains("active=false", "EBUSY", "already runs under a seccomp filter with a listener");
    }

    /** Enables the trace and prints the status. */
    public static final class EnableProbe {
        public static void main(String[] args) {
            TraceStatus status = Namspill.enableTrace();
            System.out.println("active=" + status.active() + " reason=" + status.reason());
        }
    }

    @Test
    void theTraceThreadsNeverLeaveTheirNamespaces() throws Exception {
        try (IdlePool pool = new IdlePool("origin-busy")) {
            pool.run(OriginTraceTests::leakThroughJnaUnshare);

            assertThat(Namspill.report().spilledTasks()).extracting(task -> task.task().name().orElseThrow())
                    .noneMatch(name -> name.startsWith("namspill-trace"));
        }
    }

    private static Void leakThroughJnaUnshare() {
        RawJna.LIBC.unshare(LinuxAbi.CLONE_NEWUTS);
        return null;
    }

    private static Void unshareNetToo() {
        RawJna.LIBC.unshare(LinuxAbi.CLONE_NEWNET);
        return null;
    }

    private static Void leakThroughRawSetns(String namespace) {
        int fd = RawJna.open(namespace);
        try {
            RawJna.LIBC.setns(fd, 0);
        }
        finally {
            RawJna.LIBC.close(fd);
        }
        return null;
    }

    private static SpilledTask switchedSelf() {
        String me = Thread.currentThread().getName();
        return Namspill.report().switchedTasks().stream()
                .filter(task -> task.thread().map(thread -> thread.name().equals(me)).orElse(false))
                .findFirst().orElseThrow();
    }
}
