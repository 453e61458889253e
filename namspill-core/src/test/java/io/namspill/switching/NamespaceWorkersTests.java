package io.namspill.switching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import io.namspill.Namespaces;
import io.namspill.Namspill;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.report.SpillReport;
import io.namspill.testing.ForeignNamespacesExtension;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.ThreadCapabilities;
import io.namspill.testing.VirtualThreads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pooled form, against real namespaces: workers switch in, run, switch back and serve the
 * next call; a worker that cannot switch back is retired and replaced; virtual threads use it.
 */
class NamespaceWorkersTests {

    @RegisterExtension
    static final ForeignNamespacesExtension foreign = ForeignNamespacesExtension.holding("--uts", "--net");

    /** What the work saw: its thread and namespace. */
    private record Seen(String thread, int tid, long uts) {

        static Seen now() {
            return new Seen(Thread.currentThread().getName(), LinuxNative.gettid(), NamespaceLinks.ofCurrentThread("uts"));
        }
    }

    @Test
    void aWorkerRunsTheWorkInsideTheNamespaceSwitchesBackAndServesTheNextCall() throws Exception {
        try (NamespaceWorkers workers = NamespaceWorkers.start(1)) {
            NamespaceSwitch uts = Namespaces.into(foreign.namespace("uts"));
            Seen first = uts.callOn(workers, Seen::now);
            Seen second = workers.call(uts, Seen::now);

            assertThat(first.thread()).startsWith("namspill-worker-");
            assertThat(first.uts()).isEqualTo(foreign.inode("uts"));
            assertThat(second.tid()).as("the same worker, no thread per call").isEqualTo(first.tid());
            assertThat(second.uts()).isEqualTo(foreign.inode("uts"));
            // back home between calls: nothing spilled, nothing leaked
            SpillReport report = Namspill.report();
            assertThat(report.isUniform()).as(report::render).isTrue();
            assertThat(NamespaceLinks.inode(java.nio.file.Path.of("/proc/self/task/" + first.tid() + "/ns/uts")))
                    .isEqualTo(NamespaceLinks.ofLeader("uts"));
            assertThat(workers.retiredWorkers()).isZero();
        }
    }

    @Test
    void theWorksExceptionReachesTheCallerAndTheWorkerStays() throws Exception {
        try (NamespaceWorkers workers = NamespaceWorkers.start(1)) {
            NamespaceSwitch uts = Namespaces.into(foreign.namespace("uts"));
            Seen before = uts.callOn(workers, Seen::now);
            assertThatException().isThrownBy(() -> uts.callOn(workers, () -> {
                throw new IOException("from the work");
            })).isInstanceOf(IOException.class).withMessage("from the work");
            assertThat(uts.callOn(workers, Seen::now).tid()).isEqualTo(before.tid());
        }
    }

    @Test
    void aWorkerThatCannotSwitchBackHandsOverTheResultIsRetiredAndReplacedInTheReferenceNamespaces() throws Exception {
        try (NamespaceWorkers workers = NamespaceWorkers.start(1)) {
            NamespaceSwitch both = Namespaces.into(foreign.namespace("net"), foreign.namespace("uts"));
            Seen poisoned = both.callOn(workers, () -> {
                Seen seen = Seen.now();
                ThreadCapabilities.dropEffective(ThreadCapabilities.CAP_SYS_ADMIN); // a real EPERM on the way back
                return seen;
            });
            assertThat(poisoned.uts()).as("the work's result still reaches the caller").isEqualTo(foreign.inode("uts"));

            Seen replacement = both.callOn(workers, Seen::now);
            assertThat(workers.retiredWorkers()).isEqualTo(1);
            assertThat(replacement.tid()).isNotEqualTo(poisoned.tid());
            assertThat(replacement.uts()).isEqualTo(foreign.inode("uts"));
            // The poisoned worker has ended; its replacement went home after the call.
            await().untilAsserted(() -> {
                SpillReport report = Namspill.report();
                assertThat(report.isUniform()).as(report::render).isTrue();
            });
        }
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void virtualThreadsSwitchThroughTheWorkersWithoutOneThreadPerCall() throws Exception {
        try (NamespaceWorkers workers = NamespaceWorkers.start(2)) {
            NamespaceSwitch uts = Namespaces.into(foreign.namespace("uts"));
            List<Seen> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                callers.add(VirtualThreads.start("virtual-caller-" + i, () -> {
                    try {
                        seen.add(uts.callOn(workers, Seen::now));
                    }
                    catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread caller : callers) {
                caller.join();
            }
            assertThat(failures).isEmpty();
            assertThat(seen).hasSize(20).allSatisfy(s -> {
                assertThat(s.uts()).isEqualTo(foreign.inode("uts"));
                assertThat(s.thread()).startsWith("namspill-worker-");
            });
            assertThat(seen.stream().map(Seen::tid).distinct()).hasSizeLessThanOrEqualTo(2);
            // the in-place form refuses a virtual thread: this is what the pool is for
            AtomicReference<Throwable> inPlace = new AtomicReference<>();
            VirtualThreads.start("virtual-in-place", () -> {
                try {
                    uts.call(Seen::now);
                }
                catch (Throwable e) {
                    inPlace.set(e);
                }
            }).join();
            assertThat(inPlace.get()).isInstanceOf(IllegalStateException.class);
            SpillReport report = Namspill.report();
            assertThat(report.isUniform()).as(report::render).isTrue();
        }
    }

    @Test
    void aClosedPoolRefusesWorkAndAPoolNeedsAThread() {
        NamespaceWorkers workers = NamespaceWorkers.start(1);
        workers.close();
        assertThatIllegalStateException().isThrownBy(() -> Namespaces.into(foreign.namespace("uts")).callOn(workers, () -> 1))
                .withMessageContaining("closed");
        assertThatIllegalArgumentException().isThrownBy(() -> NamespaceWorkers.start(0)).withMessageContaining("threads");
    }
}
