package io.namspill.internal.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.internal.linux.LinuxNative;
import io.namspill.testing.OwnThread;
import io.namspill.testing.ParkedThreads;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The CPU-time fingerprint finds a real parked thread by its tid, among many of the same name. */
class ThreadLocatorTests {

    private final ThreadLocator locator = new ThreadLocator(5);

    @Test
    void findsTheParkedThreadOnATidAmongThreadsOfTheSameName() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger tid = new AtomicInteger();
        CountDownLatch parked = new CountDownLatch(1);
        Thread target = new Thread(() -> {
            tid.set(LinuxNative.gettid());
            parked.countDown();
            awaitQuietly(release);
        }, "locator-target");
        target.setDaemon(true);
        try (ParkedThreads others = new ParkedThreads(50, "locator-target")) {
            target.start();
            parked.await();
            assertThat(locator.isAvailable()).isTrue();

            assertThat(locator.locate(tid.get(), ThreadLocator.platformThreads())).containsSame(target);
        }
        finally {
            release.countDown();
            target.join();
        }
    }

    @Test
    void aTaskThatIsGoneIsNotNamed() throws Exception {
        int ownTid = OwnThread.call("locator-own", LinuxNative::gettid);

        assertThat(locator.locate(ownTid, new Thread[0])).isEmpty();
        assertThat(locator.locate(Integer.MAX_VALUE, ThreadLocator.platformThreads())).isEmpty();
    }

    @Test
    void theNativeNameIsTheFirstFifteenBytesOfTheJavaName() {
        assertThat(ThreadLocator.nativeName("pool-11-thread-1")).isEqualTo("pool-11-thread-");
        assertThat(ThreadLocator.nativeName("short")).isEqualTo("short");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
