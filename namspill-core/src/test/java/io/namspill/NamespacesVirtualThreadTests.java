package io.namspill;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.internal.linux.LinuxAbi;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.report.SpillReport;
import io.namspill.testing.ForeignNamespacesExtension;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.VirtualThreads;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Virtual threads (JDK 21+, run by the JDK 25 pass): why in-place switching refuses them. */
@EnabledForJreRange(min = JRE.JAVA_21)
class NamespacesVirtualThreadTests {

    @RegisterExtension
    static final ForeignNamespacesExtension foreign = ForeignNamespacesExtension.holding("--net");

    @Test
    void anInPlaceSwitchFromAVirtualThreadIsRefused() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();

        Object thrown = onVirtualThread(() -> {
            try {
                Namespaces.run(foreign.namespace("net"), () -> ran.set(true));
                return "no exception";
            }
            catch (IllegalStateException e) {
                return e;
            }
        });

        assertThat(thrown).isInstanceOfSatisfying(IllegalStateException.class, e -> assertThat(e)
                .hasMessageContaining("virtual thread")
                .hasMessageContaining("carrier")
                .hasMessageContaining("callOnNewThread"));
        assertThat(ran).isFalse();
    }

    @Test
    void aVirtualThreadSwitchesThroughAThrowawayPlatformThread() throws Exception {
        List<Object> inside = onVirtualThread(() -> Namespaces.into(foreign.namespace("net")).callOnNewThread(
                () -> List.<Object>of(VirtualThreads.isVirtual(Thread.currentThread()), NamespaceLinks.ofCurrentThread("net"))));

        assertThat(inside).containsExactly(false, foreign.inode("net"));
    }

    /**
     * The problem itself: a raw {@code unshare} on a virtual thread moves its carrier, a
     * {@code ForkJoinPool} worker, which stays there after that virtual thread ended and runs
     * unrelated virtual threads in the foreign namespace next; namspill names the carrier.
     */
    @Test
    void aRawUnshareOnAVirtualThreadSpillsItsForkJoinPoolCarrier() throws Exception {
        AtomicInteger carrierTid = new AtomicInteger();
        onVirtualThread(() -> {
            carrierTid.set(LinuxNative.gettid()); // the carrier's: a virtual thread has no task of its own
            LinuxNative.unshare(LinuxAbi.CLONE_NEWUTS);
            return null;
        });
        int tid = carrierTid.get();
        try {
            long foreignUts = NamespaceLinks.inode(Path.of("/proc/self/task/" + tid + "/ns/uts"));

            SpillReport report = Namspill.report();

            assertThat(report.strayTasks()).as(report::render).singleElement().satisfies(carrier -> {
                assertThat(carrier.task().tid()).isEqualTo(tid);
                assertThat(carrier.namespaces()).isEqualTo(Map.of("uts", foreignUts));
                assertThat(carrier.thread()).hasValueSatisfying(t -> assertThat(t.name()).startsWith("ForkJoinPool"));
            });
            assertThat(report.render()).contains("ForkJoinPool");
            assertThat(VirtualThreads.switchCarrierBack(tid)).as("uts namespace of the next virtual thread on that carrier")
                    .isEqualTo(foreignUts).isNotEqualTo(NamespaceLinks.ofLeader("uts"));
        }
        finally {
            VirtualThreads.switchCarrierBack(tid);
        }
    }

    private static <T> T onVirtualThread(Callable<T> action) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        VirtualThreads.start("namespaces-test", () -> {
            try {
                result.set(action.call());
            }
            catch (Throwable e) {
                failure.set(e);
            }
        }).join();
        if (failure.get() != null) {
            throw new AssertionError("the virtual thread failed", failure.get());
        }
        return result.get();
    }
}
