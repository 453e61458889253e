package io.namspill.switching;

import io.namspill.internal.linux.LinuxNative;
import io.namspill.snapshot.NamespaceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;

/**
 * A {@link ThreadFactory} whose threads run their task in the reference namespaces (the
 * thread-group leader's), whichever thread started them.
 *
 * <p>Linux gives a new thread the namespaces of the thread that starts it. A
 * {@link java.util.concurrent.ThreadPoolExecutor} starts the replacement of a dying worker <em>from that dying
 * worker</em>: when a worker dies because it was poisoned (see {@link PoisonedThreadError}), a
 * plain factory's replacement is born poisoned too. A thread of this factory first moves itself
 * into the leader's namespace of every type where it differs, then runs its task, so a pool built
 * with it heals itself:
 *
 * <pre>{@code
 * ExecutorService pool = Executors.newFixedThreadPool(4, new ReferenceThreadFactory(Executors.defaultThreadFactory()));
 * }</pre>
 *
 * <p>The move happens inside the new thread because that works however the thread is started
 * (since JDK 21 a {@code ThreadPoolExecutor} starts its workers without calling
 * {@link Thread#start()}). It needs CAP_SYS_ADMIN; where the thread cannot move (no privilege,
 * no JNA, not Linux) it runs its task where it was born, as with a plain factory, and namspill
 * reports it if that is not the reference. A thread started by a thread inside a {@code pid}
 * switch cannot be born at all (the kernel refuses): no factory can help there.
 *
 * <p>The {@code template} factory creates and configures the threads (name, daemon flag,
 * priority, handlers).
 */
public final class ReferenceThreadFactory implements ThreadFactory {

    private final ThreadFactory template;

    /** Threads of {@code template} that move into the reference namespaces before their task. */
    public ReferenceThreadFactory(ThreadFactory template) {
        this.template = Objects.requireNonNull(template, "template");
    }

    @Override
    public Thread newThread(Runnable task) {
        Objects.requireNonNull(task, "task");
        return template.newThread(() -> {
            try {
                moveToReferenceNamespaces();
            }
            catch (Throwable e) {
                // whatever went wrong, the task runs: where the thread was born, as with a plain factory
            }
            task.run();
        });
    }

    /**
     * Moves the calling thread into the leader's namespace of every type where it differs.
     *
     * @return why some type could not be moved ({@code "uts: ... EPERM ..."}), or "" when the
     *     thread is in the reference namespaces now
     */
    static String moveToReferenceNamespaces() {
        List<NamespaceType> differing = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (NamespaceType type : NamespaceType.values()) {
            if (!type.isEnterableByThread()) {
                continue; // a multithreaded process cannot differ in these, nor enter them
            }
            Path leaders = SwitchTarget.leaderLink(type);
            try {
                if (Files.exists(leaders, LinkOption.NOFOLLOW_LINKS) && !Files.readSymbolicLink(
                        Path.of(SwitchTarget.ownLink(type))).equals(Files.readSymbolicLink(leaders))) {
                    differing.add(type);
                }
            }
            catch (IOException e) {
                failures.add(type + ": " + e);
            }
        }
        // Plain file reads so far: JNA (and, on JDK 24+, native access) only when there is a move to make.
        if (!differing.isEmpty() && !LinuxNative.isAvailable()) {
            failures.add(differing.stream().map(NamespaceType::typeName).collect(Collectors.joining(", ")) + ": "
                    + LinuxNative.unavailableReason().orElse("no native access"));
            differing.clear();
        }
        for (NamespaceType type : differing) {
            try {
                // One type at a time: a type that cannot move keeps none of the others from moving.
                NamespaceSwitcher.LINUX.enterForGood(SwitchTarget.of(SwitchTarget.leaderLink(type)));
            }
            catch (Exception e) {
                failures.add(type + ": " + e.getMessage());
            }
        }
        return String.join("; ", failures);
    }
}
