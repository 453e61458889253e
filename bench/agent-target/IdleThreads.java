import java.util.concurrent.CountDownLatch;

/**
 * The target JVM of bench/agent-cost.sh, run from source ({@code java IdleThreads.java N}): N
 * parked platform threads, "ready" once they all run, then waits until it is killed.
 */
public class IdleThreads {

    public static void main(String[] args) throws InterruptedException {
        int count = Integer.parseInt(args[0]);
        CountDownLatch started = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(() -> {
                started.countDown();
                try {
                    Thread.currentThread().join();
                }
                catch (InterruptedException e) {
                    // ends the thread
                }
            }, "idle-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        started.await();
        System.out.println("ready");
        Thread.currentThread().join();
    }
}
