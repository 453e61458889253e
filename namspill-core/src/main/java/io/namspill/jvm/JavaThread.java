package io.namspill.jvm;

import java.util.List;
import java.util.Objects;

/**
 * The Java thread that runs on a task, as the JVM names it.
 *
 * @param id the {@link Thread#getId() thread id}
 * @param name the thread's name
 * @param state the {@link Thread.State} name, {@code WAITING} for example
 * @param daemon whether it is a daemon thread
 * @param stackTrace its frames, innermost first, as a thread dump prints them after {@code at}
 */
public record JavaThread(long id, String name, String state, boolean daemon, List<String> stackTrace) {

    public JavaThread {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        stackTrace = List.copyOf(stackTrace);
    }
}
