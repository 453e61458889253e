package io.namspill.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code main} of a JVM without namspill (its class path holds this class and JNA only): a
 * thread with a long name unshares its UTS namespace through the application's own JNA binding
 * and parks; the tid is printed once it has.
 */
public final class LeakyJvm {

    /** Longer than the 15 bytes of a task name: only the JVM knows it whole. */
    static final String THREAD_NAME = "namspill-cli-leaky-worker-with-a-long-name";

    private static final int CLONE_NEWUTS = 0x04000000;

    /** The application's own libc binding. */
    public interface C extends Library {
        int unshare(int flags);

        int gettid();
    }

    private LeakyJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        C libc = Native.load("c", C.class);
        CountDownLatch spilled = new CountDownLatch(1);
        int[] tid = new int[1];
        Thread leaky = new Thread(() -> {
            if (libc.unshare(CLONE_NEWUTS) != 0) {
                System.out.println("unshare failed: errno " + Native.getLastError());
                System.exit(3);
            }
            tid[0] = libc.gettid();
            spilled.countDown();
            try {
                new CountDownLatch(1).await();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, THREAD_NAME);
        leaky.start();
        spilled.await();
        System.out.println(tid[0]);
        leaky.join();
    }
}
