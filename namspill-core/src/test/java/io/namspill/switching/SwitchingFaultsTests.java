package io.namspill.switching;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.Namespaces;
import io.namspill.Namspill;
import io.namspill.internal.linux.Errno;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.internal.linux.NativeCallException;
import io.namspill.report.SpillReport;
import io.namspill.snapshot.NamespaceType;
import io.namspill.testing.ForeignNamespaces;
import io.namspill.testing.ForeignNamespacesExtension;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.OwnThread;
import io.namspill.testing.TaskExits;
import io.namspill.testing.ThreadCapabilities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Switching faults with the kernel's own errors, no test seam: EPERM from a thread without
 * {@code CAP_SYS_ADMIN} (dropped for that thread only), a target namespace that vanished, a
 * switch back that the kernel refuses. The caller gets the typed error and is never left
 * half-switched; a thread that cannot be switched back is poisoned and reported as leaked.
 * (The same faults through a test kernel: {@code NamespaceSwitcherTests}, {@code PoisonedThreadTests}.)
 */
class SwitchingFaultsTests {

    @RegisterExtension
    static final ForeignNamespacesExtension foreign = ForeignNamespacesExtension.holding("--net", "--uts");

    @Test
    void aThreadWithoutCapSysAdminGetsTheKernelsEpermNamingTheNamespaceAndStaysWhereItWas() throws Exception {
        Path net = foreign.namespace("net");
        AtomicBoolean ran = new AtomicBoolean();

        Outcome outcome = OwnThread.call("switching-faults-test", () -> {
            ThreadCapabilities.dropEffective(ThreadCapabilities.CAP_SYS_ADMIN);
            return Outcome.of(() -> Namespaces.into(net, foreign.namespace("uts")).run(() -> ran.set(true)));
        });

        assertThat(outcome.error()).isInstanceOfSatisfying(NamespaceSwitchException.class, e -> {
            assertThat(e.namespace()).isEqualTo(net.toString());
            assertThat(e.errno()).isEqualTo(Errno.EPERM.number());
            assertThat(e.getCause()).isInstanceOfSatisfying(NativeCallException.class,
                    cause -> assertThat(cause.errno()).isEqualTo(Errno.EPERM.number()));
        }).hasMessageContaining(net.toString()).hasMessageContaining("EPERM").hasMessageContaining("needs CAP_SYS_ADMIN");
        assertThat(ran).isFalse();
        assertThat(outcome.namespacesAfterwards()).isEqualTo(leaderNamespaces());
        System.out.println("switching faults: real EPERM -> " + outcome.error().getMessage());
    }

    @Test
    void aTargetWhoseProcessEndedGivesEnoentNamingThePathAndTheCallerStaysWhereItWas() throws Exception {
        Path vanished;
        try (ForeignNamespaces shortLived = ForeignNamespaces.start("--net")) {
            vanished = shortLived.namespace("net");
        }
        AtomicBoolean ran = new AtomicBoolean();

        Outcome inPlace = OwnThread.call("switching-faults-test", () -> Outcome.of(() -> Namespaces.call(vanished, () -> ran.getAndSet(true))));
        Outcome onNewThread = OwnThread.call("switching-faults-test", () -> Outcome.of(() -> Namespaces.into(vanished).callOnNewThread(() -> ran.getAndSet(true))));

        for (Outcome outcome : new Outcome[] { inPlace, onNewThread }) {
            assertThat(outcome.error()).isInstanceOfSatisfying(NamespaceSwitchException.class, e -> {
                assertThat(e.namespace()).isEqualTo(vanished.toString());
                assertThat(e.errno()).isEqualTo(Errno.ENOENT.number());
            }).hasMessageContaining(vanished.toString()).hasMessageContaining("ENOENT");
            assertThat(outcome.namespacesAfterwards()).isEqualTo(leaderNamespaces());
        }
        assertThat(ran).isFalse();
        System.out.println("switching faults: vanished target -> " + inPlace.error().getMessage());
    }

    @Test
    void aNamespaceOpenedBeforeItsProcessEndedCanStillBeEntered() throws Exception {
        long inode;
        OpenNamespace held;
        try (ForeignNamespaces shortLived = ForeignNamespaces.start("--uts")) {
            inode = shortLived.inode("uts");
            held = OpenNamespace.open(shortLived.namespace("uts"));
        }
        try (held) {
            long inside = OwnThread.call("switching-faults-test", () -> Namespaces.into(held).call(() -> NamespaceLinks.ofCurrentThread("uts")));

            assertThat(inside).isEqualTo(inode);
        }
    }

    @Test
    void aFailureAfterARealFirstSwitchSwitchesTheFirstBackBeforeTheCallerSeesTheError() throws Exception {
        OpenNamespace closed = OpenNamespace.open(foreign.namespace("net"));
        closed.close();
        AtomicBoolean ran = new AtomicBoolean();

        Outcome outcome;
        try (OpenNamespace uts = OpenNamespace.open(foreign.namespace("uts"))) {
            outcome = OwnThread.call("switching-faults-test", () -> Outcome.of(() -> Namespaces.into(uts, closed).run(() -> ran.set(true))));
        }

        assertThat(outcome.error()).isInstanceOfSatisfying(NamespaceSwitchException.class,
                e -> assertThat(e.namespace()).isEqualTo(foreign.namespace("net").toString()))
                .hasMessageContaining("is closed");
        assertThat(ran).isFalse();
        assertThat(outcome.namespacesAfterwards()).isEqualTo(leaderNamespaces());
    }

    @Test
    void aThreadThatLosesCapSysAdminInsideTheWorkCannotBeSwitchedBackIsPoisonedAndReportedAsLeaked() throws Exception {
        CountDownLatch poisoned = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger tid = new AtomicInteger();
        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicReference<Throwable> nextSwitch = new AtomicReference<>();
        Thread victim = new Thread(() -> {
            tid.set(LinuxNative.gettid());
            error.set(Outcome.of(() -> Namespaces.into(foreign.namespace("net"), foreign.namespace("uts"))
                    .run(() -> ThreadCapabilities.dropEffective(ThreadCapabilities.CAP_SYS_ADMIN))).error());
            nextSwitch.set(Outcome.of(() -> Namespaces.run(foreign.namespace("uts"), () -> { })).error());
            poisoned.countDown();
            await(release);
        }, "loses-cap-sys-admin");
        victim.start();
        try {
            await(poisoned);

            assertThat(error.get()).isInstanceOfSatisfying(PoisonedThreadError.class, e -> {
                assertThat(e.tid()).isEqualTo(tid.get());
                assertThat(e.unrestoredTypes()).containsExactlyInAnyOrder(NamespaceType.NET, NamespaceType.UTS);
                assertThat(e.getCause()).isInstanceOfSatisfying(NativeCallException.class,
                        cause -> assertThat(cause.errno()).isEqualTo(Errno.EPERM.number()));
            }).hasMessageContaining("loses-cap-sys-admin").hasMessageContaining("could not be switched back");
            assertThat(nextSwitch.get()).isInstanceOf(PoisonedThreadError.class).hasMessageContaining("is poisoned");
            SpillReport report = Namspill.report();
            assertThat(report.switchedTasks()).isEmpty();
            assertThat(report.strayTasks()).as(report::render).singleElement().satisfies(leaked -> {
                assertThat(leaked.task().tid()).isEqualTo(tid.get());
                assertThat(leaked.namespaces()).isEqualTo(Map.of("net", foreign.inode("net"), "uts", foreign.inode("uts")));
            });
            System.out.println("switching faults: real EPERM on the way back -> " + error.get().getMessage());
        }
        finally {
            release.countDown();
            TaskExits.join(victim, tid.get());
        }
    }

    @Test
    void aPoisonedWorkerThatSubmitKeepsInItsPoolRefusesEverySwitchAndIsReportedAsLeaked() throws Exception {
        // submit() wraps the work in a FutureTask, which catches every Throwable: the error reaches
        // get() and the worker stays in the pool (execute() would end it: PoisonedThreadTests).
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> new Thread(task, "submit-worker"));
        try {
            Future<Integer> poisoning = pool.submit(() -> {
                Namespaces.run(foreign.namespace("net"), () -> ThreadCapabilities.dropEffective(ThreadCapabilities.CAP_SYS_ADMIN));
                return LinuxNative.gettid();
            });
            Throwable failure = catchCause(poisoning);
            assertThat(failure).isInstanceOf(PoisonedThreadError.class);
            int tid = ((PoisonedThreadError) failure).tid();

            AtomicBoolean ran = new AtomicBoolean();
            Throwable refused = catchCause(pool.submit(() -> {
                Namespaces.run(foreign.namespace("uts"), () -> ran.set(true));
                return 0;
            }));
            SpillReport report = Namspill.report();

            assertThat(refused).isInstanceOf(PoisonedThreadError.class).hasMessageContaining("is poisoned");
            assertThat(ran).isFalse();
            assertThat(report.strayTasks()).as(report::render).singleElement().satisfies(leaked -> {
                assertThat(leaked.task().tid()).isEqualTo(tid);
                assertThat(leaked.namespaces()).isEqualTo(Map.of("net", foreign.inode("net")));
            });
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            TaskExits.await(tid);
        }
        finally {
            pool.shutdownNow();
        }
    }

    /** What a switch attempt threw, and where the thread that made it was afterwards. */
    private record Outcome(Throwable error, Map<String, Long> namespacesAfterwards) {

        static Outcome of(ThrowingRunnable attempt) {
            Throwable error = null;
            try {
                attempt.run();
            }
            catch (Throwable e) {
                error = e;
            }
            return new Outcome(error, currentThreadNamespaces());
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static Throwable catchCause(Future<?> future) throws Exception {
        try {
            future.get(60, TimeUnit.SECONDS);
            return null;
        }
        catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** Every namespace of the calling thread, read from {@code /proc/thread-self/ns}. */
    private static Map<String, Long> currentThreadNamespaces() {
        return namespacesIn(Path.of("/proc/thread-self/ns"));
    }

    private static Map<String, Long> leaderNamespaces() {
        return namespacesIn(Path.of("/proc/self/ns"));
    }

    private static Map<String, Long> namespacesIn(Path directory) {
        Map<String, Long> namespaces = new TreeMap<>();
        try (DirectoryStream<Path> links = Files.newDirectoryStream(directory)) {
            for (Path link : links) {
                if (Files.isSymbolicLink(link)) {
                    namespaces.put(link.getFileName().toString(), NamespaceLinks.inode(link));
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return namespaces;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).as("latch released").isTrue();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
