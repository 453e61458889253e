package io.namspill.monitor;

import io.namspill.report.SpilledTask;
import io.namspill.snapshot.TaskId;
import io.namspill.trace.Origin;
import java.util.List;

/**
 * The text of the log lines every integration writes for a {@link LeakListener} event (the
 * starter's WARN line, the agent's {@code System.Logger} line), so that one leak reads the same
 * wherever it is logged.
 */
public final class LeakMessages {

    /** Enough of the origin's own frames to name the culprit on the first line. */
    private static final int ORIGIN_FRAMES = 3;

    private LeakMessages() {
    }

    /**
     * {@code "Namespace leak: <rendering>"}; where the origin trace knows the call that leaked the
     * task, {@code "Namespace leak by unshare(uts) in com.example.Pool.leak(Pool.java:41) <- ...: <rendering>"},
     * naming its top frames outside JNA, the JDK and namspill.
     */
    public static String leaked(SpilledTask task, String rendering) {
        return "Namespace leak" + task.origin().map(LeakMessages::culprit).orElse("") + ": " + rendering;
    }

    /** The line for a task that no longer leaks. */
    public static String recovered(TaskId id, String name) {
        return "Task " + id.tid() + " \"" + name
                + "\" no longer leaks: it is back in the reference namespaces, or it ended";
    }

    private static String culprit(Origin origin) {
        List<String> frames = origin.applicationStackTrace().stream().limit(ORIGIN_FRAMES).toList();
        return " by " + origin.call() + (frames.isEmpty() ? "" : " in " + String.join(" <- ", frames));
    }
}
