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
 * @param namedBy how the task was matched with this thread
 */
public record JavaThread(long id, String name, String state, boolean daemon, List<String> stackTrace,
        NamedBy namedBy) {

    public JavaThread {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        stackTrace = List.copyOf(stackTrace);
        Objects.requireNonNull(namedBy, "namedBy");
    }

    /** A thread named by a correlator that does not say how ({@link NamedBy#OTHER}). */
    public JavaThread(long id, String name, String state, boolean daemon, List<String> stackTrace) {
        this(id, name, state, daemon, stackTrace, NamedBy.OTHER);
    }

    /** How a task was matched with its Java thread. */
    public enum NamedBy {

        /**
         * The task's run time in {@code schedstat} equals the thread's CPU time, to the
         * nanosecond, for exactly one thread: no thread dump, no global safepoint.
         */
        CPU_TIME("cpu-time"),

        /** HotSpot's thread dump, whose {@code nid} is the tid: a global safepoint; the fallback. */
        THREAD_DUMP("thread-dump"),

        /** A correlator that does not say. */
        OTHER("other");

        private final String label;

        NamedBy(String label) {
            this.label = label;
        }

        /** The name reports and the endpoint show: {@code cpu-time}, {@code thread-dump}, {@code other}. */
        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
