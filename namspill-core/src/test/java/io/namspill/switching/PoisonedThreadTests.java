package io.namspill.switching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.namspill.Namspill;
import io.namspill.internal.linux.Errno;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.internal.linux.NativeCallException;
import io.namspill.report.SpillReport;
import io.namspill.snapshot.NamespaceType;
import io.namspill.testing.ForeignNamespacesExtension;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.OwnThread;
import io.namspill.testing.TaskExits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A thread whose switch back fails (made to fail through the kernel a {@link NamespaceSwitcher}
 * is given): it is poisoned, never runs other work, and is reported as leaked. Every switch here
 * runs on a thread of its own, never on the test's thread.
 */
class PoisonedThreadTests {

    private TestSwitches switches = TestSwitches.with(SwitchKernel.LINUX);

    @RegisterExtension
    static final ForeignNamespacesExtension foreign = ForeignNamespacesExtension.holding("--net", "--uts", "--ipc");

    @Test
    void aPoolWorkerThatCannotBeSwitchedBackDiesInsteadOfServingItsPoolAndIsReportedAsLeaked() throws Exception {
        switches = TestSwitches.with(new FailingRestore(EnumSet.of(NamespaceType.NET)));
        CountDownLatch dying = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> uncaught = new AtomicReference<>();
        AtomicInteger workers = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread worker = new Thread(task, "switching-worker-" + workers.incrementAndGet());
            worker.setDaemon(true);
            // Runs on the dying worker, after the pool let it go: hold it alive for the snapshot.
            worker.setUncaughtExceptionHandler((thread, e) -> {
                uncaught.set(e);
                dying.countDown();
                await(release);
            });
            return worker;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        AtomicReference<Thread> firstWorker = new AtomicReference<>();
        AtomicInteger firstTid = new AtomicInteger();
        try {
            pool.execute(() -> {
                firstWorker.set(Thread.currentThread());
                firstTid.set(LinuxNative.gettid());
                switches.run(foreign.namespace("net"), () -> { });
            });
            await(dying);

            assertThat(uncaught.get()).isInstanceOfSatisfying(PoisonedThreadError.class, e -> {
                assertThat(e.tid()).isEqualTo(firstTid.get());
                assertThat(e.unrestoredTypes()).containsExactly(NamespaceType.NET);
            }).hasMessageContaining("switching-worker-1").hasMessageContaining("could not be switched back");
            SpillReport dyingReport = Namspill.report();
            assertThat(dyingReport.switchedTasks()).isEmpty();
            assertThat(dyingReport.strayTasks()).as(dyingReport::render)
                    .filteredOn(stray -> stray.task().tid() == firstTid.get()).singleElement().satisfies(leaked -> {
                        assertThat(leaked.namespaces()).isEqualTo(Map.of("net", foreign.inode("net")));
                        assertThat(leaked.thread()).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("switching-worker-1"));
                    });

            release.countDown();
            TaskExits.join(firstWorker.get(), firstTid.get());
            switches = TestSwitches.with(SwitchKernel.LINUX);
            Future<Object[]> next = pool.submit(() -> new Object[] {Thread.currentThread(), LinuxNative.gettid(),
                    NamespaceLinks.ofCurrentThread("net")});
            Object[] nextWorker = next.get(60, TimeUnit.SECONDS);
            assertThat(nextWorker[0]).isNotSameAs(firstWorker.get())
                    .satisfies(t -> assertThat(((Thread) t).getName()).isEqualTo("switching-worker-2"));
            // The pool started the replacement from the dying worker, and Linux gives a new thread
            // its creator's namespaces: the replacement is born spilled, and reported as such.
            assertThat(nextWorker[2]).isEqualTo(foreign.inode("net"));
            SpillReport afterwards = Namspill.report();
            assertThat(afterwards.strayTasks()).as(afterwards::render).singleElement()
                    .satisfies(stray -> assertThat(stray.task().tid()).isEqualTo(nextWorker[1]));

            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            TaskExits.await((Integer) nextWorker[1]);
        }
        finally {
            release.countDown();
            pool.shutdownNow();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPoolWhoseThreadsComeFromAReferenceThreadFactoryReplacesAPoisonedWorkerWithAHealthyOne() throws Exception {
        switches = TestSwitches.with(new FailingRestore(EnumSet.of(NamespaceType.NET)));
        AtomicInteger workers = new AtomicInteger();
        ThreadFactory named = task -> {
            Thread worker = new Thread(task, "healing-worker-" + workers.incrementAndGet());
            worker.setDaemon(true);
            worker.setUncaughtExceptionHandler((thread, e) -> { }); // the poisoned worker's death is expected
            return worker;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new ReferenceThreadFactory(named));
        try {
            AtomicReference<Thread> firstWorker = new AtomicReference<>();
            AtomicInteger firstTid = new AtomicInteger();
            pool.execute(() -> {
                firstWorker.set(Thread.currentThread());
                firstTid.set(LinuxNative.gettid());
                switches.run(foreign.namespace("net"), () -> { });
            });
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> firstWorker.get() != null
                    && firstWorker.get().getState() == Thread.State.TERMINATED);
            TaskExits.await(firstTid.get());
            switches = TestSwitches.with(SwitchKernel.LINUX);

            Object[] replacement = pool.submit(() -> new Object[] {Thread.currentThread().getName(),
                    NamespaceLinks.ofCurrentThread("net")}).get(60, TimeUnit.SECONDS);

            assertThat(replacement[0]).isEqualTo("healing-worker-2");
            // Started by the dying worker, but it moved into the reference namespaces before its first task.
            assertThat(replacement[1]).isEqualTo(NamespaceLinks.ofLeader("net"));
            assertThat(Namspill.report().isUniform()).isTrue();
        }
        finally {
            switches = TestSwitches.with(SwitchKernel.LINUX);
            pool.shutdownNow();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aPoisonedThreadRefusesEveryFurtherSwitch() throws Exception {
        switches = TestSwitches.with(new FailingRestore(EnumSet.of(NamespaceType.NET)));
        AtomicBoolean ranAgain = new AtomicBoolean();

        List<Throwable> errors = OwnThread.call("poisoned-thread-test", () -> {
            List<Throwable> caught = new ArrayList<>();
            caught.add(catchThrowable(() -> switches.run(foreign.namespace("net"), () -> { })));
            switches = TestSwitches.with(SwitchKernel.LINUX);
            caught.add(catchThrowable(() -> switches.run(foreign.namespace("uts"), () -> ranAgain.set(true))));
            caught.add(catchThrowable(() -> switches.into(foreign.namespace("uts")).callOnNewThread(() -> ranAgain.getAndSet(true))));
            return caught;
        });

        assertThat(errors).hasSize(3).allSatisfy(e -> assertThat(e).isInstanceOf(PoisonedThreadError.class));
        assertThat(errors.get(1)).hasMessageContaining("is poisoned").hasCause(errors.get(0));
        assertThat(errors.get(2)).hasCause(errors.get(0));
        assertThat(ranAgain).isFalse();
    }

    @Test
    void everyTypeIsSwitchedBackThatCanBeAndTheErrorNamesTheOthers() throws Exception {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        switches = TestSwitches.with(new FailingRestore(EnumSet.of(NamespaceType.UTS), calls));

        Map<String, Object> afterwards = OwnThread.call("poisoned-thread-test", () -> {
            Throwable error = catchThrowable(() -> switches.into(foreign.namespace("net"), foreign.namespace("uts"),
                    foreign.namespace("ipc")).run(() -> { }));
            return Map.of("error", error, "net", NamespaceLinks.ofCurrentThread("net"),
                    "uts", NamespaceLinks.ofCurrentThread("uts"), "ipc", NamespaceLinks.ofCurrentThread("ipc"));
        });

        assertThat(calls).containsExactly("enter net", "enter uts", "enter ipc", "restore ipc", "restore uts", "restore net");
        assertThat(afterwards.get("error")).isInstanceOfSatisfying(PoisonedThreadError.class,
                e -> assertThat(e.unrestoredTypes()).containsExactly(NamespaceType.UTS));
        assertThat(afterwards).containsEntry("net", NamespaceLinks.ofLeader("net"))
                .containsEntry("ipc", NamespaceLinks.ofLeader("ipc"))
                .containsEntry("uts", foreign.inode("uts"));
    }

    @Test
    void theWorksOwnExceptionIsKeptAsSuppressed() throws Exception {
        switches = TestSwitches.with(new FailingRestore(EnumSet.of(NamespaceType.NET)));
        IOException workFailure = new IOException("work failed");

        Throwable error = OwnThread.call("poisoned-thread-test", () -> catchThrowable(() -> switches.call(foreign.namespace("net"), () -> {
            throw workFailure;
        })));

        assertThat(error).isInstanceOf(PoisonedThreadError.class);
        assertThat(error.getSuppressed()).containsExactly(workFailure);
    }

    @Test
    void aFailedRollbackAfterAFailedEnterPoisonsTheThread() throws Exception {
        switches = TestSwitches.with(new FailingRestore(EnumSet.of(NamespaceType.NET)) {
            @Override
            public void enter(int fd, NamespaceType type, String namespace) {
                if (type == NamespaceType.UTS) {
                    throw new NativeCallException("setns(" + namespace + ")", Errno.EPERM.number());
                }
                super.enter(fd, type, namespace);
            }
        });

        Throwable error = OwnThread.call("poisoned-thread-test", () -> catchThrowable(() -> switches.into(foreign.namespace("net"), foreign.namespace("uts"))
                .run(() -> { })));

        assertThat(error).isInstanceOfSatisfying(PoisonedThreadError.class,
                e -> assertThat(e.unrestoredTypes()).containsExactly(NamespaceType.NET));
        assertThat(error.getSuppressed()).singleElement()
                .isInstanceOf(NamespaceSwitchException.class)
                .satisfies(e -> assertThat(e).hasMessageContaining(foreign.namespace("uts").toString()).hasMessageContaining("EPERM"));
    }

    @Test
    void aThrowawayThreadThatCannotBeSwitchedBackStillDeliversTheResultAndEnds() throws Exception {
        switches = TestSwitches.with(new FailingRestore(EnumSet.of(NamespaceType.NET)));
        AtomicReference<Thread> worker = new AtomicReference<>();
        AtomicInteger workerTid = new AtomicInteger();

        int result = switches.into(foreign.namespace("net")).callOnNewThread(() -> {
            worker.set(Thread.currentThread());
            workerTid.set(LinuxNative.gettid());
            return 42;
        });

        assertThat(result).isEqualTo(42);
        assertThat(worker.get().isAlive()).isFalse();
        TaskExits.await(workerTid.get());
    }

    /** Really switches, but fails to switch back the given types (their {@code setns} is not made). */
    private static class FailingRestore extends RecordingKernel {

        private final Set<NamespaceType> failing;

        FailingRestore(Set<NamespaceType> failing) {
            this(failing, Collections.synchronizedList(new ArrayList<>()));
        }

        FailingRestore(Set<NamespaceType> failing, List<String> calls) {
            super(calls);
            this.failing = failing;
        }

        @Override
        public void restore(int fd, NamespaceType type) {
            if (failing.contains(type)) {
                super.record("restore " + type);
                throw new NativeCallException("setns(/proc/thread-self/ns/" + type + ")", Errno.ENOMEM.number());
            }
            super.restore(fd, type);
        }
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
