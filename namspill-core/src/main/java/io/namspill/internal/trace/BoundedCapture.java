package io.namspill.internal.trace;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Runs a stack capture on a separate daemon thread and waits at most the budget for it.
 *
 * <p>Why: every setns/unshare of the process waits for the supervisor, and a traced caller may
 * hold any Java lock while it sits in the call (on JDK 17 thread enumeration synchronises on every
 * {@code ThreadGroup}: a caller trapped inside {@code synchronized (group)} blocks it). So the
 * supervisor never captures itself: it hands the tid over and answers when the budget runs out,
 * whatever the capture does. A worker that overran is abandoned (its late result dropped) and the
 * next one serves the next call; after {@code maxStuck} abandoned workers capturing stops. All
 * workers are started up front: starting a thread takes the {@code ThreadGroup} lock on JDK 17,
 * which a trapped caller may hold, so the supervisor never starts one. Called by the supervisor
 * thread only.
 */
final class BoundedCapture {

    private final long budgetNanos;
    private final Worker[] workers;
    private int stuck;

    BoundedCapture(IntFunction<@Nullable CapturedStack> capture, long budgetNanos, int maxStuck) {
        this.budgetNanos = budgetNanos;
        this.workers = new Worker[maxStuck];
        for (int i = 0; i < maxStuck; i++) {
            workers[i] = new Worker(capture);
        }
    }

    long budgetMillis() {
        return TimeUnit.NANOSECONDS.toMillis(budgetNanos);
    }

    int workers() {
        return workers.length;
    }

    /** Whether captures are given up for good (too many workers stuck). */
    boolean exhausted() {
        return stuck >= workers.length;
    }

    /** The stack of {@code tid}, or null when none came within the budget. */
    @Nullable CapturedStack capture(int tid) {
        if (exhausted()) {
            return null;
        }
        Worker current = workers[stuck];
        Request request = new Request(tid);
        long deadline = System.nanoTime() + budgetNanos;
        try {
            // only to a worker waiting for work: tryTransfer never queues a request for later
            if (current.requests.tryTransfer(request, budgetNanos, TimeUnit.NANOSECONDS)) {
                synchronized (request) {
                    long left;
                    while (!request.done && (left = deadline - System.nanoTime()) > 0) {
                        TimeUnit.NANOSECONDS.timedWait(request, left);
                    }
                    if (request.done) {
                        return request.result;
                    }
                    request.abandoned = true;
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stuck++; // the worker is left to finish (or hang) on its own; never joined
        return null;
    }

    private static final class Request {
        final int tid;
        @Nullable CapturedStack result;
        boolean done;
        boolean abandoned;

        Request(int tid) {
            this.tid = tid;
        }
    }

    private static final class Worker implements Runnable {
        final LinkedTransferQueue<Request> requests = new LinkedTransferQueue<>();
        final IntFunction<@Nullable CapturedStack> capture;

        Worker(IntFunction<@Nullable CapturedStack> capture) {
            this.capture = capture;
            Thread thread = new Thread(this, "namspill-trace-capture");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            while (true) {
                Request request;
                try {
                    request = requests.take();
                }
                catch (InterruptedException e) {
                    return;
                }
                CapturedStack stack;
                try {
                    stack = capture.apply(request.tid);
                }
                catch (Throwable e) { // OutOfMemoryError, a JVM that refuses: no stack, never no answer
                    stack = null;
                }
                synchronized (request) {
                    if (!request.abandoned) {
                        request.result = stack;
                    }
                    request.done = true;
                    request.notifyAll();
                }
            }
        }
    }
}
