package io.namspill.switching;

import java.lang.reflect.UndeclaredThrowableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A switch into one or more namespaces, made by {@link io.namspill.Namespaces#into(java.nio.file.Path...)}: runs
 * work inside them, in place on the calling platform thread ({@link #call}, {@link #run}), on a
 * throwaway platform thread ({@link #callOnNewThread}, {@link #runOnNewThread}), or on a pooled
 * platform thread that switches back afterwards ({@link #callOn}, {@link #runOn}). The namespaces
 * are entered in the order given and left in reverse order. Immutable and reusable; the paths are
 * opened anew by every call. See {@link io.namspill.Namespaces} for the rules.
 */
public final class NamespaceSwitch {

    private final List<SwitchTarget> targets;

    /** A switch into {@code namespaces}: the same as {@link io.namspill.Namespaces#into(Path...)}. */
    public static NamespaceSwitch into(Path... namespaces) {
        return new NamespaceSwitch(targets(namespaces, SwitchTarget::of));
    }

    /** A switch into namespaces opened before: the same as {@link io.namspill.Namespaces#into(OpenNamespace...)}. */
    public static NamespaceSwitch into(OpenNamespace... namespaces) {
        return new NamespaceSwitch(targets(namespaces, SwitchTarget::of));
    }

    private static <N> List<SwitchTarget> targets(N[] namespaces, Function<N, SwitchTarget> target) {
        Objects.requireNonNull(namespaces, "namespaces");
        if (namespaces.length == 0) {
            throw new IllegalArgumentException("no namespace to switch into");
        }
        List<SwitchTarget> targets = new ArrayList<>(namespaces.length);
        for (int i = 0; i < namespaces.length; i++) {
            targets.add(target.apply(Objects.requireNonNull(namespaces[i], "namespace " + i)));
        }
        return List.copyOf(targets);
    }

    private NamespaceSwitch(List<SwitchTarget> targets) {
        this.targets = targets;
    }

    /**
     * Runs {@code work} on the calling platform thread inside the namespaces, switches the thread
     * back afterwards (also when {@code work} throws) and returns {@code work}'s result.
     *
     * @throws NamespaceSwitchException when the thread cannot be switched; it is then unchanged
     *         and {@code work} did not run
     * @throws PoisonedThreadError when the thread cannot be switched back
     * @throws IllegalStateException when called from a virtual thread
     * @throws Exception what {@code work} throws
     */
    public <T> T call(Callable<T> work) throws Exception {
        Objects.requireNonNull(work, "work");
        return NamespaceSwitcher.LINUX.callInPlace(targets, work);
    }

    /** {@link #call(Callable)} for work without a result. */
    public void run(Runnable work) {
        run(this::call, work);
    }

    /**
     * Runs {@code work} on a new platform thread inside the namespaces and waits for it: returns
     * {@code work}'s result or throws its exception. The thread ends afterwards, so this form can
     * enter a mount namespace (the thread first gives itself a root and working directory of its
     * own with {@code unshare(CLONE_FS)}, which cannot be undone) and may be called from a virtual
     * thread. The calling thread is never switched. An interrupt of the waiting caller is passed
     * on to the work, and the call returns only when the work has ended.
     *
     * @throws NamespaceSwitchException when the new thread cannot be switched; {@code work} did not run
     * @throws Exception what {@code work} throws
     */
    public <T> T callOnNewThread(Callable<T> work) throws Exception {
        Objects.requireNonNull(work, "work");
        return NamespaceSwitcher.LINUX.callOnNewThread(targets, work);
    }

    /** {@link #callOnNewThread(Callable)} for work without a result. */
    public void runOnNewThread(Runnable work) {
        run(this::callOnNewThread, work);
    }

    /**
     * Runs {@code work} on one of {@code workers}' platform threads inside the namespaces and
     * waits for it: returns {@code work}'s result or throws its exception. The worker switches
     * back afterwards and serves the next call; the calling thread is never switched, so this
     * form may be called from a virtual thread, without a new platform thread per call. An
     * interrupt of the waiting caller is passed on to the work, and the call returns only when
     * the work has ended.
     *
     * @throws NamespaceSwitchException when the worker cannot be switched; {@code work} did not run
     * @throws IllegalStateException when {@code workers} is closed
     * @throws Exception what {@code work} throws
     */
    public <T> T callOn(NamespaceWorkers workers, Callable<T> work) throws Exception {
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(work, "work");
        return workers.pool().call(targets, work);
    }

    /** {@link #callOn(NamespaceWorkers, Callable)} for work without a result. */
    public void runOn(NamespaceWorkers workers, Runnable work) {
        Objects.requireNonNull(workers, "workers");
        run(callable -> callOn(workers, callable), work);
    }

    /** One of the call forms, to which the run forms hand their work. */
    @FunctionalInterface
    interface CallForm {
        @Nullable Object call(Callable<@Nullable Object> work) throws Exception;
    }

    /** The one adapter of the run forms: {@code work} through {@code form}, with nothing to return. */
    static void run(CallForm form, Runnable work) {
        Objects.requireNonNull(work, "work");
        try {
            form.call(() -> {
                work.run();
                return null;
            });
        }
        catch (RuntimeException e) {
            throw e;
        }
        catch (Exception e) {
            // A Runnable throws no checked exception; only a sneaky throw gets here.
            throw new UndeclaredThrowableException(e);
        }
    }

    @Override
    public String toString() {
        return "NamespaceSwitch" + targets.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
}
