package io.namspill.spring.boot3.health;

import io.namspill.monitor.NamespaceMonitor;
import io.namspill.spring.boot.status.NamspillStatus;
import java.util.Objects;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * A {@link HealthIndicator} (Spring Boot 3.5) that is {@code DOWN} while a task of the JVM has
 * leaked into other namespaces than the thread-group leader's, {@code UP} while none has, and
 * {@code UNKNOWN} (with a {@code reason}) where the platform has no per-task procfs.
 *
 * <p>Details: {@code tasks}, {@code leakedTasks} and {@code leaks}, at most
 * {@value #MAX_LEAKS} entries {@code {tid, name, namespaces: {type: inode}}} with only the
 * types that differ from the reference. Never throws; see {@link NamspillStatus}.
 */
public class NamspillHealthIndicator implements HealthIndicator {

    /** The most leaks listed in the details; {@code leakedTasks} still counts them all. */
    public static final int MAX_LEAKS = NamspillStatus.MAX_LEAKS;

    private final NamespaceMonitor monitor;

    public NamspillHealthIndicator(NamespaceMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    @Override
    public Health health() {
        NamspillStatus status = NamspillStatus.check(this.monitor);
        return Health.status(status.code()).withDetails(status.details()).build();
    }
}
