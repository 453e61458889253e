package io.namspill.switching;

import io.namspill.snapshot.NamespaceType;
import java.util.List;

/**
 * A thread could not be switched back after work ran inside other namespaces: it is stuck in
 * them, and anything it runs from now on would run there. Such a thread is <em>poisoned</em>
 * and must not run other work again.
 *
 * <p>This is an {@link Error} on purpose, so that the {@code catch (Exception e)} of frameworks and
 * pools does not swallow it: a {@link java.util.concurrent.ThreadPoolExecutor} worker that gets it
 * from {@link java.util.concurrent.ThreadPoolExecutor#execute execute} dies and is replaced by a
 * fresh thread, instead of taking the next task. (Work given to {@code submit} or a
 * {@code CompletableFuture} is wrapped in a {@code FutureTask}, which catches every
 * {@code Throwable}: there the error reaches whoever calls {@code get()}, as the cause of an
 * {@code ExecutionException}, and the worker stays in its pool. Every later {@link io.namspill.Namespaces}
 * call on that thread throws this error again.) Until the thread ends, namspill reports it as
 * leaked, not switched.
 *
 * <p>Linux gives a new thread the namespaces of the thread that starts it, so every thread a
 * poisoned thread starts is born spilled too. That includes the replacement worker a
 * {@code ThreadPoolExecutor} starts from the dying worker, unless the pool's threads come from a
 * {@link ReferenceThreadFactory}, whose threads move into the reference namespaces before their
 * first task, whoever started them. With a plain factory namspill reports the replacement as leaked as well, and the
 * pool should be shut down (or the application restarted).
 */
public final class PoisonedThreadError extends Error {

    private final int tid;
    private final List<NamespaceType> unrestored;

    /**
     * @param tid the poisoned thread's Linux thread id
     * @param unrestored the types it could not be switched back for
     * @param cause the first switch-back failure
     */
    public PoisonedThreadError(String message, int tid, List<NamespaceType> unrestored, Throwable cause) {
        super(message, cause);
        this.tid = tid;
        this.unrestored = List.copyOf(unrestored);
    }

    /** The Linux thread id of the poisoned thread. */
    public int tid() {
        return tid;
    }

    /** The types the thread could not be switched back for. */
    public List<NamespaceType> unrestoredTypes() {
        return unrestored;
    }
}
