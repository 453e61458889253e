package io.namspill.spring.boot.autoconfigure;

import io.namspill.monitor.LeakListener;
import io.namspill.monitor.LeakMessages;
import io.namspill.report.SpilledTask;
import io.namspill.snapshot.TaskId;
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

    @Override
    public void leaked(SpilledTask task, String rendering) {
        logger.warn(LeakMessages.leaked(task, rendering));
    }

    @Override
    public void recovered(TaskId id, String name) {
        logger.info(LeakMessages.recovered(id, name));
    }
}
