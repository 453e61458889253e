package io.namspill.spring.boot.autoconfigure;

import io.namspill.monitor.LeakListener;
import io.namspill.report.SpilledTask;
import io.namspill.snapshot.TaskId;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs one WARN line, with the readable report, when a task first counts as leaked, and one
 * INFO line when it no longer does: an event per leak, not a line per scan.
 */
final class LoggingLeakListener implements LeakListener {

    private static final Log logger = LogFactory.getLog(NamspillAutoConfiguration.class.getPackageName());

    @Override
    public void leaked(SpilledTask task, String rendering) {
        logger.warn("Namespace leak: " + rendering);
    }

    @Override
    public void recovered(TaskId id, String name) {
        logger.info("Task " + id.tid() + " \"" + name
                + "\" no longer leaks: it is back in the reference namespaces, or it ended");
    }
}
