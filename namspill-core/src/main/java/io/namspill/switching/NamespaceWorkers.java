package io.namspill.switching;

import java.util.concurrent.Callable;

/**
 * A small pool of platform threads for switches from threads that cannot switch in place, such
 * as virtual threads (a request thread with {@code spring.threads.virtual.enabled=true}): a
 * worker switches into the namespaces, runs the work, switches back, and takes the next work.
 * The caller waits for the outcome (a virtual thread waits without holding a carrier). Cheaper
 * than {@link NamespaceSwitch#callOnNewThread}, which starts a platform thread per call:
 *
 * <pre>{@code
 * NamespaceWorkers workers = NamespaceWorkers.start(4); // once, at start-up; close() at the end
 * String hostname = Namespaces.into(Path.of("/run/netns/blue")).callOn(workers, () -> ...);
 * }</pre>
 *
 * <p>The workers enter what the in-place form enters ({@link NamespaceSwitch#call}): not
 * {@code mnt}, {@code user} or {@code time}; use {@link NamespaceSwitch#callOnNewThread} for
 * those. A worker that cannot switch back (see {@link PoisonedThreadError}) hands the caller the
 * work's outcome, is retired and replaced by a fresh worker in the reference namespaces, as with
 * {@link ReferenceThreadFactory}. Work runs on the workers in the order given; while every worker
 * is busy, callers queue.
 */
public final class NamespaceWorkers implements AutoCloseable {

    private final WorkerPool pool;

    private NamespaceWorkers(WorkerPool pool) {
        this.pool = pool;
    }

    /**
     * Starts {@code threads} daemon worker threads named {@code namspill-worker-N}, from the
     * calling thread (they move into the reference namespaces first, wherever that is).
     * @throws IllegalArgumentException when {@code threads} is less than 1
     */
    public static NamespaceWorkers start(int threads) {
        return new NamespaceWorkers(new WorkerPool(NamespaceSwitcher.LINUX, threads, "namspill-worker-"));
    }

    /** The same as {@code namespaces.callOn(this, work)}. */
    public <T> T call(NamespaceSwitch namespaces, Callable<T> work) throws Exception {
        return namespaces.callOn(this, work);
    }

    /** How many worker threads the pool keeps. */
    public int threads() {
        return pool.threads();
    }

    /** How many workers were retired (and replaced) because they could not switch back. */
    public long retiredWorkers() {
        return pool.retiredWorkers();
    }

    /** Lets the workers finish the work given so far, then ends them; later calls are refused. */
    @Override
    public void close() {
        pool.close();
    }

    WorkerPool pool() {
        return pool;
    }
}
