package io.namspill.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.namspill.monitor.MonitorResult;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.report.TypeSummary;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Micrometer meters for the namespaces of the JVM's tasks, read from a shared
 * {@link NamespaceMonitor} (so that one scan per cache TTL serves every gauge):
 * <ul>
 * <li>{@code namspill.tasks}: the tasks (Linux threads) of the process, JVM-internal ones included;</li>
 * <li>{@code namspill.leaked.tasks{type}}: the leaked tasks that differ from the reference in that type;</li>
 * <li>{@code namspill.namespaces{type}}: the distinct namespaces of that type among the tasks;</li>
 * <li>{@code namspill.scan}: a timer of every scan.</li>
 * </ul>
 * The per-type gauges exist for every type of the first scan, from the moment of binding
 * (value 0 while nothing leaks); the {@code type} tag is the only per-series tag, so
 * cardinality is bounded by the kernel's namespace types. With Prometheus the series are
 * {@code namspill_tasks}, {@code namspill_leaked_tasks} and {@code namspill_namespaces}.
 *
 * <p>Where the tasks cannot be read (no per-task procfs, or a scan that failed) every gauge reads
 * {@code NaN}, never 0: "unknown" must not look like "no leak". Gauges never throw. On a
 * platform that is unsupported at binding, there are no types, so only {@code namspill.tasks}
 * and {@code namspill.scan} are registered.
 *
 * <p>The timer counts every scan from binding on, the one that binding makes included; where a
 * scan made before binding still serves the gauges (from the monitor's cache), it is counted
 * too, so the timer never reads 0 while the gauges show a scan's result.
 *
 * <p>Without Spring, bind it to any registry:
 * <pre>{@code
 * NamespaceMonitor monitor = NamespaceMonitor.builder().build();   // close it at shutdown
 * new NamspillMetrics(monitor).bindTo(registry);
 * }</pre>
 * With Spring Boot, the namspill starter binds it to the application's registries.
 */
public class NamspillMetrics implements MeterBinder {

    /** The base unit of {@code namspill.namespaces}; Micrometer's {@link BaseUnits} has none for it. */
    private static final String NAMESPACES = "namespaces";

    private final NamespaceMonitor monitor;

    private final Iterable<Tag> tags;

    /**
     * @param monitor the monitor whose results the meters read
     */
    public NamspillMetrics(NamespaceMonitor monitor) {
        this(monitor, Tags.empty());
    }

    /**
     * @param monitor the monitor whose results the meters read
     * @param tags tags added to every meter
     */
    public NamspillMetrics(NamespaceMonitor monitor, Iterable<Tag> tags) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.tags = Objects.requireNonNull(tags, "tags");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("namspill.tasks", this.monitor, m -> tasks(m.current()))
                .description("Tasks (Linux threads) of the JVM process, JVM-internal ones included")
                .baseUnit(BaseUnits.TASKS)
                .tags(this.tags)
                .strongReference(true)
                .register(registry);
        Timer scans = Timer.builder("namspill.scan")
                .description("Time taken to read and judge the namespaces of every task")
                .tags(this.tags)
                .register(registry);
        // Per-type series for every type the first scan read; a type seen only later (the first
        // scan failed, or could not read procfs yet) gets its series from the scan that sees it.
        Set<String> registered = ConcurrentHashMap.newKeySet();
        AtomicBoolean heardAScan = new AtomicBoolean();
        // Listening before the first read, so the scan that read makes is timed too: otherwise
        // its result serves the gauges for a whole cache TTL while the timer still counts 0.
        this.monitor.addScanListener(result -> {
            heardAScan.set(true);
            scans.record(result.scanDuration());
            registerTypes(registry, result, registered);
        });
        MonitorResult first = this.monitor.current();
        // Not heard: a cached result of a scan made before binding, or (always unsupported) a
        // failure that no scan made. The scan is counted once; the failure never.
        if (!heardAScan.get() && first.isSupported()) {
            scans.record(first.scanDuration());
        }
        registerTypes(registry, first, registered);
    }

    private void registerTypes(MeterRegistry registry, MonitorResult result, Set<String> registered) {
        for (String type : result.report().types().keySet()) {
            if (!registered.add(type)) {
                continue;
            }
            Gauge.builder("namspill.leaked.tasks", this.monitor, m -> leakedTasks(m.current(), type))
                    .description("Tasks that leaked into another namespace of this type than the thread-group leader's")
                    .baseUnit(BaseUnits.TASKS)
                    .tags(this.tags)
                    .tag("type", type)
                    .strongReference(true)
                    .register(registry);
            Gauge.builder("namspill.namespaces", this.monitor, m -> namespaces(m.current(), type))
                    .description("Distinct namespaces of this type among the tasks of the JVM process")
                    .baseUnit(NAMESPACES)
                    .tags(this.tags)
                    .tag("type", type)
                    .strongReference(true)
                    .register(registry);
        }
    }

    private static double tasks(MonitorResult result) {
        return result.isSupported() ? result.taskCount() : Double.NaN;
    }

    private static double leakedTasks(MonitorResult result, String type) {
        Integer leaked = result.isSupported() ? result.leakedTasksByType().get(type) : null;
        return (leaked != null) ? leaked : Double.NaN;
    }

    private static double namespaces(MonitorResult result, String type) {
        TypeSummary summary = result.isSupported() ? result.report().types().get(type) : null;
        return (summary != null) ? summary.namespaces().size() : Double.NaN;
    }
}
