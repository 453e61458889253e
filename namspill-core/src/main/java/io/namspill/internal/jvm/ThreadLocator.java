package io.namspill.internal.jvm;


import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds the platform thread that runs on a Linux task (tid) without a thread dump, so without a
 * global safepoint. No public API of JDK 17 to 25 gives a thread's tid, but two numbers meet
 * exactly: the kernel's run time of the task in nanoseconds (the first field of
 * {@code /proc/self/task/<tid>/schedstat}) and {@link ThreadMXBean#getThreadCpuTime(long)}, which
 * for a thread that is not on a CPU returns that same sum.
 *
 * <ol>
 * <li>Candidates: the live platform threads ({@link #platformThreads()}: no safepoint) whose
 * name's first 15 bytes are the task's {@code comm} (HotSpot sets the native name so when the
 * thread starts); every thread where none is (a renamed thread).</li>
 * <li>Per try: {@code schedstat}, every candidate's CPU time, {@code schedstat} again. A match
 * needs the three equal, which also proves that the task stayed off the CPU meanwhile.</li>
 * <li>Exactly one match names the task. None (a running thread) is tried again a few times; a
 * tie of nanoseconds is given up at once: a task is never named wrongly, only sometimes not.</li>
 * </ol>
 * Internal: not part of namspill's API. Thread-safe; it takes no lock a traced or spilled thread
 * may hold.
 */
public final class ThreadLocator {

    private static final int COMM_BYTES = 15;

    private final Path taskDir;
    private final int tries;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** A locator for this process's tasks, trying up to {@code tries} times per task. */
    public ThreadLocator(int tries) {
        this(Path.of("/proc/self/task"), tries);
    }

    ThreadLocator(Path taskDir, int tries) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, was " + tries);
        }
        this.taskDir = taskDir;
        this.tries = tries;
    }

    /** Whether this JVM measures thread CPU time (HotSpot on Linux does unless it was switched off). */
    public boolean isAvailable() {
        return threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
    }

    /** The platform thread on {@code tid} among {@code all} (see {@link #platformThreads()}), if one is certain. */
    public Optional<Thread> locate(int tid, Thread[] all) {
        if (!isAvailable()) {
            return Optional.empty();
        }
        byte[] comm = read(taskDir.resolve(tid + "/comm"));
        if (comm == null) {
            return Optional.empty(); // gone
        }
        List<Thread> candidates = candidates(comm, all);
        Path schedstat = taskDir.resolve(tid + "/schedstat");
        for (int attempt = 0; attempt < tries; attempt++) {
            long before = runtime(schedstat);
            if (before < 0) {
                return Optional.empty();
            }
            Thread match = null;
            int matches = 0;
            for (Thread thread : candidates) {
                if (threads.getThreadCpuTime(thread.getId()) == before) {
                    match = thread;
                    matches++;
                }
            }
            if (runtime(schedstat) == before) {
                // Off the CPU all along: the match, if it is the only one, is certain; a tie never is.
                return matches == 1 ? Optional.of(match) : Optional.empty();
            }
            Thread.onSpinWait(); // the task ran meanwhile: try again
        }
        return Optional.empty();
    }

    /**
     * The task's run time in nanoseconds so far (first field of its {@code schedstat}), or
     * {@code -1} where it is gone. Frozen while the task sleeps: two equal reads around some work
     * prove the task stayed off the CPU meanwhile.
     */
    public long runTime(int tid) {
        return runtime(taskDir.resolve(tid + "/schedstat"));
    }

    /**
     * Every live platform thread, from the root thread group: a plain walk on JDK 17, a copy of
     * the JVM's thread list on JDK 19+, no safepoint either way.
     */
    public static Thread[] platformThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 64];
        int count;
        while ((count = root.enumerate(all, true)) == all.length) {
            all = new Thread[all.length * 2];
        }
        return Arrays.copyOf(all, count);
    }

    /** The threads whose native name is {@code comm}; all of them where none is. */
    private static List<Thread> candidates(byte[] comm, Thread[] all) {
        int length = comm.length > 0 && comm[comm.length - 1] == '\n' ? comm.length - 1 : comm.length;
        String nativeName = new String(comm, 0, length, StandardCharsets.ISO_8859_1);
        boolean ascii = nativeName.chars().allMatch(c -> c < 0x80);
        List<Thread> candidates = new ArrayList<>();
        for (Thread thread : all) {
            // ASCII names compare without allocating: 10,000 names must not cost a young collection
            String name = thread.getName();
            boolean same = ascii
                    ? name.startsWith(nativeName) && (name.length() == length || length == COMM_BYTES && isAscii(name))
                    : nativeName(name).equals(nativeName);
            if (same) {
                candidates.add(thread);
            }
        }
        return candidates.isEmpty() ? Arrays.asList(all) : candidates;
    }

    private static boolean isAscii(String name) {
        for (int i = 0; i < COMM_BYTES; i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** What HotSpot gives {@code pthread_setname_np}: the name's first 15 UTF-8 bytes. */
    static String nativeName(String javaName) {
        byte[] utf8 = javaName.getBytes(StandardCharsets.UTF_8);
        return new String(utf8, 0, Math.min(COMM_BYTES, utf8.length), StandardCharsets.ISO_8859_1);
    }

    /** The task's run time in nanoseconds, the first field of {@code schedstat}; -1 where it is gone. */
    private static long runtime(Path schedstat) {
        byte[] text = read(schedstat);
        if (text == null) {
            return -1;
        }
        int end = 0;
        while (end < text.length && text[end] >= '0' && text[end] <= '9') {
            end++;
        }
        try {
            return end == 0 ? -1 : Long.parseLong(new String(text, 0, end, StandardCharsets.US_ASCII));
        }
        catch (NumberFormatException e) {
            return -1; // more digits than a long holds
        }
    }

    private static byte @Nullable [] read(Path file) {
        try {
            return Files.readAllBytes(file);
        }
        catch (IOException e) {
            return null;
        }
    }
}
