package io.namspill;

import io.namspill.switching.NamespaceSwitch;
import io.namspill.switching.OpenNamespace;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Runs code inside other Linux namespaces and switches back safely: the way not to leak.
 *
 * <pre>{@code
 * // on the calling thread, switched back afterwards (also when the work throws)
 * List<String> links = Namespaces.call(Path.of("/run/netns/blue"), () -> readInterfaces());
 *
 * // several namespaces: entered in this order, left in reverse order
 * Namespaces.into(Path.of("/proc/4242/ns/net"), Path.of("/proc/4242/ns/uts")).run(() -> probe());
 *
 * // a mount namespace, or from a virtual thread: on a throwaway platform thread
 * byte[] config = Namespaces.into(Path.of("/proc/4242/ns/mnt"))
 *         .callOnNewThread(() -> Files.readAllBytes(Path.of("/etc/app.conf")));
 * }</pre>
 *
 * <h2>How a switch works</h2>
 * Linux namespaces belong to a thread, not to the process: {@code setns(2)} moves only the
 * calling thread. In place, a switch opens the thread's current namespace of every target type
 * ({@code /proc/thread-self/ns/<type>}), {@code setns}es into the targets, runs the work and
 * {@code setns}es back in reverse order in a {@code finally}. If entering fails halfway, the
 * types already entered are switched back before {@link io.namspill.switching.NamespaceSwitchException} is thrown: a
 * thread is never left half-switched. While the work runs, namspill reports the task as
 * <em>switched</em>, not leaked ({@link io.namspill.report.SpillReport#switchedTasks()}), so health checks stay up
 * while correct code is inside a switch.
 *
 * <p>A namespace is named by a path ({@code /proc/<pid>/ns/<type>}, {@code /run/netns/<name>}, any
 * bind mount of a namespace), whose type the kernel reports ({@code ioctl NS_GET_NSTYPE}, Linux
 * 4.11+), or given as an {@link OpenNamespace} that stays open across switches.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li><b>Virtual threads</b> (JDK 21+) are refused in place with an {@link IllegalStateException}:
 * {@code setns} would move the carrier, a platform thread of the scheduler that runs other virtual
 * threads next, and the virtual thread may resume on another carrier before it switches back. The
 * work is not silently moved to another thread either, since {@code call} promises the calling
 * thread (its thread locals, the locks it holds, {@code Thread.currentThread()}). Use
 * {@link NamespaceSwitch#callOnNewThread(Callable)}, which works from any thread.</li>
 * <li><b>{@code mnt}</b> needs a thread whose root and working directory are its own
 * ({@code unshare(CLONE_FS)}, which cannot be undone): only {@code callOnNewThread} enters it;
 * in place it is refused.</li>
 * <li><b>{@code user}</b> and <b>{@code time}</b> cannot be entered by a multithreaded process, and a
 * JVM always is: refused up front in both forms. Start a process inside them instead.</li>
 * <li><b>{@code pid}</b> only affects the processes started inside the work, never the
 * thread itself: its {@code pid_for_children} changes, its {@code pid} does not. Inside a {@code pid}
 * switch the thread cannot start threads (the kernel refuses a thread whose {@code pid_for_children}
 * differs from its {@code pid}; the JVM says {@code OutOfMemoryError: unable to create native thread}),
 * and {@code ProcessBuilder.start()} needs one (the JDK's process reaper) unless one is idle.</li>
 * <li><b>Threads started inside the work</b> are born in the target namespaces (Linux gives a new
 * thread its creator's) and stay there after the switch: they are spilled, and reported as leaked.
 * Start the threads the work needs, such as a pool's workers, before switching. Processes started
 * inside the work are born there too, which is often the point.</li>
 * <li>The thread-group leader never switches in place: its namespaces are the reference.</li>
 * <li>Entering a namespace needs {@code CAP_SYS_ADMIN} over it (root, or the owner of its user
 * namespace); otherwise the {@link io.namspill.switching.NamespaceSwitchException} says {@code EPERM (... needs
 * CAP_SYS_ADMIN)}. Errors name the namespace and the cause ({@code ENOENT}: it or its process is
 * gone; {@code ENOTTY}: the path is no namespace; {@code EINVAL}: a type the thread cannot enter).</li>
 * <li>If a thread cannot be switched back, it is <b>poisoned</b>: {@link io.namspill.switching.PoisonedThreadError}, an
 * {@code Error} so that pools do not swallow it, ends a pool worker instead of returning it to its
 * pool, and the task is reported as leaked until it ends.</li>
 * </ul>
 *
 * <h2>Native access</h2>
 * The system calls go through JNA. From JDK 24 on, the JVM warns about (and later JDKs refuse)
 * native access not enabled: start it with {@code --enable-native-access=ALL-UNNAMED}, or put
 * {@code Enable-Native-Access: ALL-UNNAMED} in the manifest of an executable jar.
 */
public final class Namespaces {

    private Namespaces() {
    }

    /**
     * Runs {@code work} on the calling platform thread inside the namespace {@code namespace}
     * names, switches the thread back afterwards (also when {@code work} throws), and returns
     * {@code work}'s result. While {@code work} runs the task is switched, not leaked.
     *
     * @param namespace {@code /proc/<pid>/ns/<type>}, {@code /run/netns/<name>} or another namespace bind mount
     * @throws io.namspill.switching.NamespaceSwitchException when the thread cannot be switched; it is then unchanged
     *         and {@code work} did not run
     * @throws io.namspill.switching.PoisonedThreadError when the thread cannot be switched back
     * @throws IllegalStateException when called from a virtual thread
     * @throws Exception what {@code work} throws
     */
    public static <T> T call(Path namespace, Callable<T> work) throws Exception {
        return into(namespace).call(work);
    }

    /** {@link #call(Path, Callable)} for work without a result. */
    public static void run(Path namespace, Runnable work) {
        into(namespace).run(work);
    }

    /**
     * A switch into {@code namespaces}, entered in this order and left in reverse order: at most
     * one per type.
     */
    public static NamespaceSwitch into(Path... namespaces) {
        return NamespaceSwitch.into(namespaces);
    }

    /** A switch into namespaces opened before, entered in this order and left in reverse order. */
    public static NamespaceSwitch into(OpenNamespace... namespaces) {
        return NamespaceSwitch.into(namespaces);
    }
}
