package io.namspill.agent.runtime;

import io.namspill.monitor.LeakListener;
import io.namspill.monitor.LeakMessages;
import io.namspill.report.SpilledTask;
import io.namspill.snapshot.TaskId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.BooleanSupplier;

/**
 * The starter's log lines through {@code System.Logger}, so that the application's logging
 * bridge picks them up: one WARNING per new leak, one INFO when it ends; nothing once
 * {@code active} says another integration monitors the JVM.
 */
final class SystemLoggerLeakListener implements LeakListener {

    private final Logger logger;
    private final BooleanSupplier active;

    SystemLoggerLeakListener(Logger logger, BooleanSupplier active) {
        this.logger = logger;
        this.active = active;
    }

    @Override
    public void leaked(SpilledTask task, String rendering) {
        if (active.getAsBoolean()) {
            logger.log(Level.WARNING, LeakMessages.leaked(task, rendering));
        }
    }

    @Override
    public void recovered(TaskId id, String name) {
        if (active.getAsBoolean()) {
            logger.log(Level.INFO, LeakMessages.recovered(id, name));
        }
    }
}
