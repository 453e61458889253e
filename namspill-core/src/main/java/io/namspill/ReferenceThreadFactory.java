package io.namspill;

import io.namspill.internal.linux.LinuxNative;
import io.namspill.internal.linux.NativeCallException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ThreadFactory} whose threads are born in the reference namespaces (the thread-group
 * leader's), whichever thread starts them.
 *
 * <p>Linux gives a new thread the namespaces of the thread that starts it. A
 * {@link ThreadPoolExecutor} starts the replacement of a dying worker <em>from that dying
 * worker</em>: when a worker dies because it was poisoned (see {@link PoisonedThreadError}), a
 * plain factory's replacement is born poisoned too. Threads of this factory are started by a
 * dedicated spawner thread that has moved itself into the reference namespaces, so a pool built
 * with it heals itself:
 *
 * <pre>{@code
 * ExecutorService pool = Executors.newFixedThreadPool(4, new ReferenceThreadFactory(Executors.defaultThreadFactory()));
 * }</pre>
 *
 * <p>The {@code template} factory still names the threads and sets their daemon flag, priority,
 * thread group, context class loader and uncaught-exception handler; its threads are never
 * started. Where the spawner cannot reach the reference namespaces (no CAP_SYS_ADMIN, no JNA,
 * not Linux) threads are started in place, as a plain factory would.
 */
public final class ReferenceThreadFactory implements ThreadFactory {

    private final ThreadFactory template;

    /** Threads configured by {@code template} but born in the reference namespaces. */
    public ReferenceThreadFactory(ThreadFactory template) {
        this.template = Objects.requireNonNull(template, "template");
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread model = template.newThread(task);
        if (model == null) {
            return null; // the template refused, as ThreadFactory allows
        }
        ReferenceBornThread thread = new ReferenceBornThread(model.getThreadGroup(), task, model.getName());
        thread.setDaemon(model.isDaemon());
        thread.setPriority(model.getPriority());
        thread.setContextClassLoader(model.getContextClassLoader());
        thread.setUncaughtExceptionHandler(model.getUncaughtExceptionHandler());
        return thread;
    }

    /** A platform thread whose {@link #start()} runs on the spawner. */
    private static final class ReferenceBornThread extends Thread {

        ReferenceBornThread(ThreadGroup group, Runnable task, String name) {
            super(group, task, name);
        }

        @Override
        public void start() {
            if (!Spawner.startOnSpawner(() -> super.start())) {
                super.start();
            }
        }
    }

    /** The one thread that starts the others, moved into the reference namespaces once. */
    static final class Spawner {

        private static final ThreadPoolExecutor SPAWNER = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "namspill-spawner");
                    thread.setDaemon(true);
                    return thread;
                });

        /** Null until the spawner has tried; then why it is not home, or "" when it is. */
        private static final CompletableFuture<String> HOME = new CompletableFuture<>();

        static {
            SPAWNER.execute(() -> HOME.complete(goHome()));
        }

        private Spawner() {
        }

        /** Why the spawner is not in the reference namespaces, or empty when it is. */
        static String notHomeReason() {
            return HOME.join();
        }

        /** Runs {@code start} on the spawner and waits; false where the spawner cannot help. */
        static boolean startOnSpawner(Runnable start) {
            if (!notHomeReason().isEmpty() || Thread.currentThread().getName().equals("namspill-spawner")) {
                return false;
            }
            try {
                SPAWNER.submit(start).get();
                return true;
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting a thread in the reference namespaces", e);
            }
            catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime; // IllegalThreadStateException for a second start(), as Thread does
                }
                if (e.getCause() instanceof Error error) {
                    throw error; // OutOfMemoryError: unable to create native thread
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /**
         * Moves the calling (spawner) thread into the leader's namespace of every type where it
         * differs. The spawner was started by whichever thread first used the factory, and
         * inherited that thread's namespaces.
         */
        static String goHome() {
            if (!LinuxNative.isAvailable()) {
                return LinuxNative.unavailableReason().orElse("no native access");
            }
            List<String> failures = new ArrayList<>();
            for (String type : types()) {
                if (type.equals("user") || type.startsWith("time")) {
                    continue; // a multithreaded process never differs in these: nothing to fix
                }
                Path mine = Path.of("/proc/thread-self/ns/" + type);
                Path leaders = Path.of("/proc/self/ns/" + type);
                try {
                    if (Files.readSymbolicLink(mine).equals(Files.readSymbolicLink(leaders))) {
                        continue;
                    }
                    if (type.equals("mnt")) {
                        LinuxNative.unshare(LinuxNative.CLONE_FS); // setns(mnt) refuses a shared fs context
                    }
                    int fd = LinuxNative.openReadOnly(leaders.toString());
                    try {
                        LinuxNative.setns(fd, 0, leaders.toString());
                    }
                    finally {
                        LinuxNative.closeQuietly(fd);
                    }
                }
                catch (IOException | NativeCallException e) {
                    failures.add(type + ": " + e.getMessage());
                }
            }
            return String.join("; ", failures);
        }

        private static List<String> types() {
            List<String> types = new ArrayList<>();
            try (DirectoryStream<Path> links = Files.newDirectoryStream(Path.of("/proc/self/ns"))) {
                links.forEach(link -> types.add(link.getFileName().toString()));
            }
            catch (IOException e) {
                // no procfs: nothing to compare, and nothing to fix
            }
            return types;
        }
    }
}
