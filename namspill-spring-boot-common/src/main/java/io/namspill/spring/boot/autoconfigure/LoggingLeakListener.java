package io.namspill.spring.boot.autoconfigure;

import io.namspill.monitor.LeakListener;
import io.namspill.report.SpilledTask;
import io.namspill.snapshot.TaskId;
import io.namspill.trace.Origin;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs one WARN line, with the readable report, when a task first counts as leaked, and one
 * INFO line when it no longer does: an event per leak, not a line per scan. Where the origin trace
 * knows the call that leaked the task, the first line names it and its top frames outside JNA,
 * the JDK and namspill.
 */
final class LoggingLeakListener implements LeakListener {

    private static final Log logger = LogFactory.getLog(NamspillAutoConfiguration.class.getPackageName());

    /** Enough of the origin's own frames to name the culprit on the first line. */
    private static final int ORIGIN_FRAMES = 3;

    @Override
    public void leaked(SpilledTask task, String rendering) {
        logger.warn("Namespace leak" + task.origin().map(LoggingLeakListener::culprit).orElse("") + ": " + rendering);
    }

    /** {@code " by unshare(uts) in com.example.Pool.leak(Pool.java:41) <- ..."}: the frames outside JNA, the JDK and namspill. */
    private static String culprit(Origin origin) {
        List<String> frames = origin.applicationStackTrace().stream().limit(ORIGIN_FRAMES).toList();
        return " by " + origin.call() + (frames.isEmpty() ? "" : " in " + String.join(" <- ", frames));
    }

    @Override
    public void recovered(TaskId id, String name) {
        logger.info("Task " + id.tid() + " \"" + name
                + "\" no longer leaks: it is back in the reference namespaces, or it ended");
    }
}
