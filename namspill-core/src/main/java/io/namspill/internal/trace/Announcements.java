package io.namspill.internal.trace;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The calls namspill makes itself (a switch through {@code Namespaces}): the switching thread
 * announces its tid and its own stack right before the call, so the supervisor answers at once,
 * without searching for the thread or walking another thread's stack (one's own stack costs no
 * safepoint). The entry is withdrawn after the call; a stale one is caught by the thread check.
 */
final class Announcements {

    private record Announced(Thread thread, StackTraceElement[] frames) {
    }

    private final ConcurrentMap<Integer, Announced> byTid = new ConcurrentHashMap<>();

    void announce(int tid) {
        Thread self = Thread.currentThread();
        byTid.put(tid, new Announced(self, self.getStackTrace()));
    }

    void withdraw(int tid) {
        byTid.remove(tid);
    }

    /** The announced stack of {@code tid}, or null when it announced nothing. */
    @Nullable CapturedStack of(int tid) {
        Announced announced = byTid.get(tid);
        if (announced == null || !announced.thread().isAlive()) {
            return null;
        }
        StackTraceElement[] frames = announced.frames();
        // drop getStackTrace and announce themselves: the stack starts where the call is made
        int skip = 0;
        while (skip < frames.length && (frames[skip].getClassName().equals(Thread.class.getName())
                || frames[skip].getClassName().startsWith(Announcements.class.getPackageName()))) {
            skip++;
        }
        return new CapturedStack(announced.thread().getName(), List.of(frames).subList(skip, frames.length));
    }
}
