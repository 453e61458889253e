package io.namspill.internal.trace;

import java.util.List;

/** The Java thread found blocked in a traced call, and its frames at that moment. */
record CapturedStack(String threadName, List<StackTraceElement> frames) {

    CapturedStack {
        frames = List.copyOf(frames);
    }

    static CapturedStack of(Thread thread, StackTraceElement[] frames) {
        return new CapturedStack(thread.getName(), List.of(frames));
    }
}
