package io.namspill.switching;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed pool of platform threads that switch in place, run, and switch back: the machinery of
 * {@link io.namspill.switching.NamespaceWorkers}. A worker that cannot switch back is poisoned:
 * it hands the caller the work's outcome and ends, and a fresh worker takes its place.
 *
 * <p>The replacement is started by a spawner thread of the pool, never by the poisoned worker: a
 * new thread inherits the namespaces <em>and the credentials</em> of the thread that starts it,
 * and a worker may be poisoned because it lost a capability. Every thread comes from a
 * {@link ReferenceThreadFactory} besides, so it moves into the reference namespaces first.
 */
final class WorkerPool implements AutoCloseable {

    private static final Runnable STOP = () -> {
    };

    private final NamespaceSwitcher switcher;
    private final int threads;
    private final ThreadFactory factory;
    private final BlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private final BlockingQueue<Boolean> replacements = new LinkedBlockingQueue<>();
    private final AtomicLong retired = new AtomicLong();
    private final Thread spawner;
    private volatile boolean closed;

    public WorkerPool(NamespaceSwitcher switcher, int threads, String namePrefix) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more, was " + threads);
        }
        this.switcher = switcher;
        this.threads = threads;
        AtomicInteger number = new AtomicInteger();
        this.factory = new ReferenceThreadFactory(task -> {
            Thread thread = new Thread(task, namePrefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < threads; i++) {
            factory.newThread(this::serve).start();
        }
        this.spawner = new ReferenceThreadFactory(task -> {
            Thread thread = new Thread(task, namePrefix + "spawner");
            thread.setDaemon(true);
            return thread;
        }).newThread(this::replaceRetiredWorkers);
        this.spawner.start();
    }

    /** Runs {@code work} on a worker switched into {@code targets}; waits also when interrupted (passed on). */
    public <T> T call(List<SwitchTarget> targets, Callable<T> work) throws Exception {
        Job<T> job = new Job<>(targets, work);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the namespace workers are closed");
            }
            this.work.add(job);
        }
        return job.await();
    }

    public int threads() {
        return threads;
    }

    /** How many workers were retired because they could not switch back. */
    public long retiredWorkers() {
        return retired.get();
    }

    /** Ends the workers once the work given so far is done; later calls are refused. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (int i = 0; i < threads; i++) {
                work.add(STOP);
            }
        }
        spawner.interrupt();
    }

    /** A worker's life: take work until told to stop, or until poisoned. */
    private void serve() {
        while (true) {
            Runnable next;
            try {
                next = work.take();
            }
            catch (InterruptedException e) {
                continue; // an interrupt meant for finished work: workers end only by STOP
            }
            if (next == STOP) {
                return;
            }
            if (!((Job<?>) next).runHere()) {
                retired.incrementAndGet();
                replacements.add(Boolean.TRUE);
                return; // poisoned: this thread ends, taking its foreign namespaces with it
            }
        }
    }

    /** The spawner's life: start a fresh worker for every retired one, from this healthy thread. */
    private void replaceRetiredWorkers() {
        while (!closed) {
            try {
                replacements.take();
            }
            catch (InterruptedException e) {
                continue;
            }
            synchronized (this) {
                if (!closed) {
                    factory.newThread(this::serve).start();
                }
            }
        }
    }

    private final class Job<T> implements Runnable {

        private final List<SwitchTarget> targets;
        private final Callable<T> work;
        private final CountDownLatch done = new CountDownLatch(1);
        private Thread worker;
        private boolean finished;
        private T result;
        private Throwable failure;

        Job(List<SwitchTarget> targets, Callable<T> work) {
            this.targets = targets;
            this.work = work;
        }

        @Override
        public void run() {
            runHere();
        }

        /** Runs the job on the calling worker; false when the worker is poisoned now. */
        boolean runHere() {
            synchronized (this) {
                worker = Thread.currentThread();
            }
            boolean[] workEnded = new boolean[1];
            boolean poisoned = false;
            try {
                switcher.callInPlace(targets, () -> {
                    try {
                        result = work.call();
                    }
                    catch (Throwable e) {
                        failure = e;
                    }
                    workEnded[0] = true;
                    return null;
                });
            }
            catch (PoisonedThreadError e) {
                poisoned = true;
                if (!workEnded[0]) {
                    failure = e;
                }
            }
            catch (Throwable e) {
                failure = e; // the switch was refused or failed: the work did not run
            }
            finally {
                synchronized (this) {
                    finished = true;
                }
                Thread.interrupted(); // an interrupt meant for this job must not reach the next
                done.countDown();
            }
            return !poisoned;
        }

        T await() throws Exception {
            Waiting.untilDone(done::await, () -> {
                synchronized (this) {
                    if (worker != null && !finished) {
                        worker.interrupt();
                    }
                }
            });
            if (failure != null) {
                throw Waiting.rethrowable(failure);
            }
            return result;
        }
    }
}
