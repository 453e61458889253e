package io.namspill.testing;

import io.namspill.internal.linux.LinuxNative;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * A named platform thread that moves itself into other namespaces (raw {@code unshare} or
 * {@code setns}, never restored) and then parks until {@link #close()}: a real leak to detect.
 */
public final class SpillingThread implements AutoCloseable {

    /** What the thread does to itself before it parks. */
    @FunctionalInterface
    public interface Spill {
        void apply() throws Exception;
    }

    private final Thread thread;
    private final CountDownLatch spilled = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger tid = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private SpillingThread(String name, Spill spill) {
        thread = new Thread(() -> {
            tid.set(LinuxNative.gettid());
            try {
                spill.apply();
            }
            catch (Throwable e) {
                failure.set(e);
            }
            finally {
                spilled.countDown();
            }
            try {
                release.await(); // untimed, so that the thread shows as WAITING while it holds the leak
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.setDaemon(true);
    }

    /** Starts a thread named {@code name} that {@code unshare}s {@code flags} and parks. */
    public static SpillingThread unsharing(String name, int flags) {
        return start(name, () -> LinuxNative.unshare(flags));
    }

    /** Starts a thread named {@code name} that {@code setns}es into {@code path} and parks. */
    public static SpillingThread entering(String name, String path, int nstype) {
        return start(name, () -> {
            int fd = LinuxNative.openReadOnly(path);
            try {
                LinuxNative.setns(fd, nstype, path);
            }
            finally {
                LinuxNative.closeQuietly(fd);
            }
        });
    }

    /** Starts a thread named {@code name} that runs {@code spill} and parks; waits until it spilled. */
    public static SpillingThread start(String name, Spill spill) {
        SpillingThread spilling = new SpillingThread(name, spill);
        spilling.thread.start();
        awaitQuietly(spilling.spilled);
        if (spilling.failure.get() != null) {
            spilling.close();
            throw new IllegalStateException("thread " + name + " could not spill", spilling.failure.get());
        }
        // Hand it over parked: its Java state is then WAITING, not a racy RUNNABLE.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (spilling.thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return spilling;
    }

    /** The spilled thread's Linux tid. */
    public int tid() {
        return tid.get();
    }

    /** The spilled Java thread. */
    public Thread thread() {
        return thread;
    }

    /**
     * Waits until the thread has reached its park, and returns it: only then does a thread dump
     * show the same state and stack every time, so that two renderings of one snapshot compare.
     */
    public SpillingThread parked() {
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(5))
                .until(() -> thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING);
        return this;
    }

    /**
     * Lets the thread end, and waits until its task is gone from {@code /proc/self/task}:
     * {@link Thread#join()} returns while the kernel may still be tearing the task down.
     */
    @Override
    public void close() {
        release.countDown();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Path task = Path.of("/proc/self/task/" + tid.get());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (tid.get() != 0 && Files.exists(task) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out waiting for a spilling thread");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
