package io.namspill.switching;

import java.lang.reflect.UndeclaredThrowableException;

/**
 * How a caller waits for work it handed to another thread: to the end, also when interrupted
 * (the interrupt is passed on to the work, and set again on the caller afterwards), then the
 * work's outcome rethrown as it was.
 */
final class Waiting {

    /** A wait that an interrupt can cut short. */
    interface Wait {
        void await() throws InterruptedException;
    }

    private Waiting() {
    }

    /** Waits until {@code wait} returns; on every interrupt runs {@code passOn} and waits on. */
    static void untilDone(Wait wait, Runnable passOn) {
        boolean interrupted = false;
        while (true) {
            try {
                wait.await();
                break;
            }
            catch (InterruptedException e) {
                // The work runs on; ask it to stop, and return only when it has.
                interrupted = true;
                passOn.run();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code failure} as the caller may throw it: errors and exceptions as they are. */
    static Exception rethrowable(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof Exception exception ? exception : new UndeclaredThrowableException(failure);
    }
}
