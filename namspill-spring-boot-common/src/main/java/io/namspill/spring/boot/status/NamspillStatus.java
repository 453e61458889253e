package io.namspill.spring.boot.status;

import io.namspill.monitor.MonitorResult;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.report.SpilledTask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The namspill health check, independent of Spring Boot's health API (which lives in other
 * packages on Boot 3 and Boot 4): a status code and the details, which each starter's
 * {@code HealthIndicator} hands to its line's {@code Health} builder unchanged.
 *
 * <p>{@code DOWN} while a task of the JVM has leaked into other namespaces than the thread-group
 * leader's, {@code UP} while none has, {@code UNKNOWN} (with a {@code reason}) where the platform
 * has no per-task procfs. Details: {@code tasks}, {@code leakedTasks} and {@code leaks}, at most
 * {@value #MAX_LEAKS} entries {@code {tid, name, namespaces: {type: inode}}} with only the types
 * that differ from the reference.
 *
 * @param code {@code UP}, {@code DOWN} or {@code UNKNOWN}: the code of Boot's {@code Status}
 * @param details the details, in the order shown
 */
public record NamspillStatus(String code, Map<String, Object> details) {

    /** The most leaks listed in the details; {@code leakedTasks} still counts them all. */
    public static final int MAX_LEAKS = 20;

    private static final Log logger = LogFactory.getLog(NamspillStatus.class);

    public NamspillStatus {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * The monitor's current result as a health status. Never throws: a failure of the check
     * itself is {@code UNKNOWN}, not {@code DOWN}, so that a liveness probe does not restart a
     * healthy application because the check broke.
     * @param monitor the shared monitor
     * @return the status
     */
    public static NamspillStatus check(NamespaceMonitor monitor) {
        try {
            return of(monitor.current());
        }
        catch (RuntimeException ex) {
            logger.warn("Namespace check failed", ex);
            return new NamspillStatus("UNKNOWN", Map.of("reason", "the namespace check failed: " + ex));
        }
    }

    /**
     * A monitor result as a health status.
     * @param result the result
     * @return the status
     */
    public static NamspillStatus of(MonitorResult result) {
        if (!result.isSupported()) {
            return new NamspillStatus("UNKNOWN",
                    Map.of("reason", result.unsupportedReason().orElse("namespaces cannot be read")));
        }
        List<Map<String, Object>> leaks = new ArrayList<>();
        for (SpilledTask leaked : result.leakedTasks()) {
            if (leaks.size() == MAX_LEAKS) {
                break;
            }
            leaks.add(describe(leaked));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tasks", result.taskCount());
        details.put("leakedTasks", result.leakedTasks().size());
        details.put("leaks", leaks);
        return new NamspillStatus(result.hasLeaks() ? "DOWN" : "UP", details);
    }

    private static Map<String, Object> describe(SpilledTask leaked) {
        Map<String, Object> leak = new LinkedHashMap<>();
        leak.put("tid", leaked.task().tid());
        leak.put("name", leaked.task().name().orElse(""));
        leak.put("namespaces", leaked.namespaces());
        return leak;
    }
}
