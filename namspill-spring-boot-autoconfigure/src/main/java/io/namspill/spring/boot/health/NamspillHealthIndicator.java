package io.namspill.spring.boot.health;

import io.namspill.monitor.MonitorResult;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.report.SpilledTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A {@link HealthIndicator} that is {@code DOWN} while a task of the JVM has leaked into other
 * namespaces than the thread-group leader's, {@code UP} while none has, and {@code UNKNOWN}
 * (with a {@code reason}) where the platform has no per-task procfs.
 *
 * <p>Details: {@code tasks}, {@code leakedTasks} and {@code leaks}, at most
 * {@value #MAX_LEAKS} entries {@code {tid, name, namespaces: {type: inode}}} with only the
 * types that differ from the reference.
 *
 * <p>Never throws: a failure of the check itself is {@code UNKNOWN}, not {@code DOWN}, so that
 * a liveness probe does not restart a healthy application because the check broke.
 */
public class NamspillHealthIndicator implements HealthIndicator {

    /** The most leaks listed in the details; {@code leakedTasks} still counts them all. */
    public static final int MAX_LEAKS = 20;

    private static final Log logger = LogFactory.getLog(NamspillHealthIndicator.class);

    private final NamespaceMonitor monitor;

    public NamspillHealthIndicator(NamespaceMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    @Override
    public Health health() {
        try {
            return health(this.monitor.current());
        }
        catch (RuntimeException ex) {
            logger.warn("Namespace check failed", ex);
            return Health.unknown().withDetail("reason", "the namespace check failed: " + ex).build();
        }
    }

    private static Health health(MonitorResult result) {
        if (!result.isSupported()) {
            return Health.unknown()
                    .withDetail("reason", result.unsupportedReason().orElse("namespaces cannot be read"))
                    .build();
        }
        List<Map<String, Object>> leaks = new ArrayList<>();
        for (SpilledTask leaked : result.leakedTasks()) {
            if (leaks.size() == MAX_LEAKS) {
                break;
            }
            leaks.add(describe(leaked));
        }
        Health.Builder builder = result.hasLeaks() ? Health.down() : Health.up();
        return builder.withDetail("tasks", result.taskCount())
                .withDetail("leakedTasks", result.leakedTasks().size())
                .withDetail("leaks", leaks)
                .build();
    }

    private static Map<String, Object> describe(SpilledTask leaked) {
        Map<String, Object> leak = new LinkedHashMap<>();
        leak.put("tid", leaked.task().tid());
        leak.put("name", leaked.task().name());
        leak.put("namespaces", leaked.namespaces());
        return leak;
    }
}
