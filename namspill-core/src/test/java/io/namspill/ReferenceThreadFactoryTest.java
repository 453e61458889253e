package io.namspill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.namspill.internal.linux.LinuxNative;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class ReferenceThreadFactoryTest {

    @Test
    void aThreadStartedByASpilledThreadIsBornInTheReferenceNamespacesUnlikeAPlainOne() throws Exception {
        Privileges.assumeCanRestoreNamespaces();
        Map<String, Long> utsOf = new ConcurrentHashMap<>();
        ThreadFactory factory = new ReferenceThreadFactory(task -> new Thread(task, "reference-born"));

        try (SpillingThread spilled = SpillingThread.start("spilled-starter", () -> {
            LinuxNative.unshare(LinuxNative.CLONE_NEWUTS);
            utsOf.put("starter", NamespaceLinks.ofCurrentThread("uts"));
            startAndJoin(new Thread(() -> utsOf.put("plain", NamespaceLinks.ofCurrentThread("uts"))));
            startAndJoin(factory.newThread(() -> utsOf.put("factory", NamespaceLinks.ofCurrentThread("uts"))));
        })) {
            assertThat(utsOf.get("starter")).isNotEqualTo(NamespaceLinks.ofLeader("uts"));
            // Linux's rule: a new thread gets the namespaces of the thread that starts it ...
            assertThat(utsOf.get("plain")).isEqualTo(utsOf.get("starter"));
            // ... unless the spawner starts it.
            assertThat(utsOf.get("factory")).isEqualTo(NamespaceLinks.ofLeader("uts"));
        }
    }

    @Test
    void theSpawnerMovesItselfIntoTheReferenceNamespacesWhenItsStarterWasSpilled() throws Exception {
        Privileges.assumeCanRestoreNamespaces();
        Map<String, Object> seen = new ConcurrentHashMap<>();

        // goHome() is what the spawner runs first; here on a thread that spilled uts and mnt.
        try (SpillingThread spilled = SpillingThread.start("spawner-stand-in", () -> {
            LinuxNative.unshare(LinuxNative.CLONE_NEWUTS | LinuxNative.CLONE_FS | LinuxNative.CLONE_NEWNS);
            seen.put("failures", ReferenceThreadFactory.Spawner.goHome());
            seen.put("uts", NamespaceLinks.ofCurrentThread("uts"));
            seen.put("mnt", NamespaceLinks.ofCurrentThread("mnt"));
        })) {
            assertThat(seen).containsEntry("failures", "").containsEntry("uts", NamespaceLinks.ofLeader("uts"))
                    .containsEntry("mnt", NamespaceLinks.ofLeader("mnt"));
            assertThat(Namspill.report().isUniform()).isTrue();
        }
    }

    @Test
    void theTemplateStillNamesAndConfiguresTheThreads() throws Exception {
        Thread.UncaughtExceptionHandler handler = (thread, e) -> { };
        ThreadFactory factory = new ReferenceThreadFactory(task -> {
            Thread model = new Thread(task, "configured-worker");
            model.setDaemon(true);
            model.setPriority(Thread.MIN_PRIORITY);
            model.setUncaughtExceptionHandler(handler);
            return model;
        });
        CountDownLatch ran = new CountDownLatch(1);

        Thread thread = factory.newThread(ran::countDown);

        assertThat(thread.getName()).isEqualTo("configured-worker");
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getPriority()).isEqualTo(Thread.MIN_PRIORITY);
        assertThat(thread.getUncaughtExceptionHandler()).isSameAs(handler);
        thread.start();
        ran.await();
        thread.join();
    }

    @Test
    void aSecondStartFailsAsItDoesForAnyThread() throws Exception {
        Thread thread = new ReferenceThreadFactory(Thread::new).newThread(() -> { });
        thread.start();
        thread.join();

        assertThatThrownBy(thread::start).isInstanceOf(IllegalThreadStateException.class);
    }

    private static void startAndJoin(Thread thread) throws InterruptedException {
        thread.start();
        thread.join();
    }
}
