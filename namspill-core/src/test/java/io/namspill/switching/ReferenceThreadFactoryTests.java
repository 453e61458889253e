package io.namspill.switching;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.Namspill;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class ReferenceThreadFactoryTests {

    @Test
    void aThreadStartedByASpilledThreadRunsItsTaskInTheReferenceNamespacesUnlikeAPlainOne() throws Exception {
        Privileges.assumeCanRestoreNamespaces();
        Map<String, Long> utsOf = new ConcurrentHashMap<>();
        ThreadFactory factory = new ReferenceThreadFactory(task -> new Thread(task, "reference-born"));

        try (SpillingThread spilled = SpillingThread.start("spilled-starter", () -> {
            LinuxNative.unshare(LinuxAbi.CLONE_NEWUTS);
            utsOf.put("starter", NamespaceLinks.ofCurrentThread("uts"));
            startAndJoin(new Thread(() -> utsOf.put("plain", NamespaceLinks.ofCurrentThread("uts"))));
            startAndJoin(factory.newThread(() -> utsOf.put("factory", NamespaceLinks.ofCurrentThread("uts"))));
        })) {
            assertThat(utsOf.get("starter")).isNotEqualTo(NamespaceLinks.ofLeader("uts"));
            // Linux's rule: a new thread gets the namespaces of the thread that starts it ...
            assertThat(utsOf.get("plain")).isEqualTo(utsOf.get("starter"));
            // ... unless it moves home before its task, as this factory's threads do.
            assertThat(utsOf.get("factory")).isEqualTo(NamespaceLinks.ofLeader("uts"));
        }
    }

    @Test
    void aSpilledThreadMovesItselfIntoTheReferenceNamespacesOfEveryTypeIncludingMnt() throws Exception {
        Privileges.assumeCanRestoreNamespaces();
        Map<String, Object> seen = new ConcurrentHashMap<>();

        try (SpillingThread spilled = SpillingThread.start("moves-home", () -> {
            LinuxNative.unshare(LinuxAbi.CLONE_NEWUTS | LinuxAbi.CLONE_FS | LinuxAbi.CLONE_NEWNS);
            seen.put("failures", ReferenceThreadFactory.moveToReferenceNamespaces());
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

    private static void startAndJoin(Thread thread) throws InterruptedException {
        thread.start();
        thread.join();
    }
}
