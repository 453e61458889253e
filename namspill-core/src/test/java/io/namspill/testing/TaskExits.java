package io.namspill.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * Waits for a task to leave {@code /proc/self/task}. {@link Thread#join()} returns when the Java
 * thread has terminated, but the Linux task it ran on lingers a moment longer while the JVM tears
 * it down: a snapshot taken right after {@code join()} can still see it.
 */
public final class TaskExits {

    private TaskExits() {
    }

    /**
     * Waits until task {@code tid} of this process is gone. Looks at once, on the calling thread:
     * the task is mostly gone already, and callers wait for thousands of tasks in a row.
     */
    public static void await(int tid) {
        Path task = Path.of("/proc/self/task/" + tid);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .pollInSameThread().until(() -> !Files.exists(task));
    }

    /** Joins {@code thread}, then waits until its task {@code tid} is gone too. */
    public static void join(Thread thread, int tid) throws InterruptedException {
        thread.join();
        await(tid);
    }
}
