package io.namspill.spring.boot.endpoint;

import io.namspill.jvm.JavaThread;
import io.namspill.monitor.MonitorResult;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.report.NamespaceCount;
import io.namspill.report.SpillReport;
import io.namspill.report.SpilledTask;
import io.namspill.report.TypeSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * {@link Endpoint @Endpoint} {@code namspill}: the namespaces of every task of the JVM, per type,
 * and the tasks that leaked (or are inside a switch made through namspill's switching API).
 *
 * <p>Java stack traces follow the {@link Show} setting; this endpoint's own operations (JMX)
 * treat the caller as authorized, like Spring Boot's endpoints do. Over HTTP,
 * {@link NamspillEndpointWebExtension} decides from the request's security context.
 */
@Endpoint(id = "namspill")
@ImportRuntimeHints(NamspillEndpoint.NamspillEndpointRuntimeHints.class)
public class NamspillEndpoint {

    private final NamespaceMonitor monitor;

    private final Show showStackTraces;

    /**
     * @param monitor the monitor whose (shared, cached) result the endpoint reports
     * @param showStackTraces when Java stack traces of spilled tasks are shown
     */
    public NamspillEndpoint(NamespaceMonitor monitor, Show showStackTraces) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.showStackTraces = Objects.requireNonNull(showStackTraces, "showStackTraces");
    }

    @ReadOperation
    public NamspillDescriptor namspill() {
        return report(this.showStackTraces.isShown(true));
    }

    @ReadOperation
    public @Nullable NamspillDescriptor namespaceType(@Selector String type) {
        return type(type, this.showStackTraces.isShown(true));
    }

    /**
     * The whole report: every type, every leaked and switched task.
     * @param showStackTraces whether Java stack traces are included
     * @return the report, or why the platform cannot be checked
     */
    public NamspillDescriptor report(boolean showStackTraces) {
        MonitorResult result = this.monitor.current();
        if (!result.isSupported()) {
            return UnsupportedDescriptor.of(result);
        }
        SpillReport report = result.report();
        Map<String, TypeDescriptor> types = new LinkedHashMap<>();
        report.types().forEach((type, summary) -> types.put(type,
                new TypeDescriptor(namespaces(summary), result.leakedTasksByType().getOrDefault(type, 0))));
        return new ReportDescriptor(true, report.snapshot().pid(), report.isUniform(), result.taskCount(),
                report.reference(), types, tasks(result.leakedTasks(), showStackTraces),
                tasks(result.switchedTasks(), showStackTraces));
    }

    /**
     * The report of one namespace type.
     * @param type the type, such as {@code net}
     * @param showStackTraces whether Java stack traces are included
     * @return the type's report, why the platform cannot be checked, or {@code null} where the
     * type is not checked
     */
    public @Nullable NamspillDescriptor type(String type, boolean showStackTraces) {
        MonitorResult result = this.monitor.current();
        if (!result.isSupported()) {
            return UnsupportedDescriptor.of(result);
        }
        TypeSummary summary = result.report().types().get(type);
        if (summary == null) {
            return null;
        }
        List<SpilledTask> leaks = result.leakedTasks()
                .stream()
                .filter(task -> task.differences().containsKey(type))
                .toList();
        return new TypeReportDescriptor(type, namespaces(summary), leaks.size(), tasks(leaks, showStackTraces));
    }

    private static List<NamespaceDescriptor> namespaces(TypeSummary summary) {
        return summary.namespaces().stream().map(NamespaceDescriptor::of).toList();
    }

    private static List<TaskDescriptor> tasks(List<SpilledTask> tasks, boolean showStackTraces) {
        return tasks.stream().map(task -> TaskDescriptor.of(task, showStackTraces)).toList();
    }

    /** What the endpoint answers: a report, a type's report, or why there is none. */
    public interface NamspillDescriptor extends OperationResponseBody {

    }

    /**
     * The namespaces of every task of the process.
     * @param supported always {@code true}
     * @param pid the process id
     * @param uniform whether every task outside a switch shares the reference's namespaces
     * @param tasks the number of tasks
     * @param reference the thread-group leader's namespaces: type to inode
     * @param types per checked type, its namespaces and leaked tasks
     * @param leaks the leaked tasks
     * @param switched the spilled tasks inside a switch made through namspill's switching API
     */
    public record ReportDescriptor(boolean supported, long pid, boolean uniform, int tasks,
            Map<String, Long> reference, Map<String, TypeDescriptor> types, List<TaskDescriptor> leaks,
            List<TaskDescriptor> switched) implements NamspillDescriptor {
    }

    /**
     * Why the tasks cannot be checked here.
     * @param supported always {@code false}
     * @param reason why
     */
    public record UnsupportedDescriptor(boolean supported, String reason) implements NamspillDescriptor {

        static UnsupportedDescriptor of(MonitorResult result) {
            return new UnsupportedDescriptor(false, result.unsupportedReason().orElse("namespaces cannot be read"));
        }
    }

    /**
     * One namespace type within the whole report.
     * @param namespaces its distinct namespaces, the reference first
     * @param leakedTasks how many leaked tasks differ from the reference in this type
     */
    public record TypeDescriptor(List<NamespaceDescriptor> namespaces, int leakedTasks) {
    }

    /**
     * The report of one namespace type.
     * @param type the type
     * @param namespaces its distinct namespaces, the reference first
     * @param leakedTasks how many leaked tasks differ from the reference in this type
     * @param leaks those leaked tasks
     */
    public record TypeReportDescriptor(String type, List<NamespaceDescriptor> namespaces, int leakedTasks,
            List<TaskDescriptor> leaks) implements NamspillDescriptor {
    }

    /**
     * One namespace and how many tasks are attached to it.
     * @param inode the namespace's inode
     * @param tasks how many tasks are attached to it
     * @param reference whether it is the thread-group leader's
     */
    public record NamespaceDescriptor(long inode, int tasks, boolean reference) {

        static NamespaceDescriptor of(NamespaceCount count) {
            return new NamespaceDescriptor(count.inode(), count.tasks(), count.reference());
        }
    }

    /**
     * A spilled task.
     * @param tid its Linux thread id
     * @param name its task name ({@code comm}, at most 15 bytes)
     * @param namespaces only the types where it differs from the reference: type to inode
     * @param thread the Java thread running on it, where the JVM could name one
     */
    public record TaskDescriptor(int tid, String name, Map<String, Long> namespaces, @Nullable ThreadDescriptor thread) {

        static TaskDescriptor of(SpilledTask task, boolean showStackTrace) {
            return new TaskDescriptor(task.task().tid(), task.task().name(), task.namespaces(),
                    task.thread().map(thread -> ThreadDescriptor.of(thread, showStackTrace)).orElse(null));
        }
    }

    /**
     * The Java thread of a spilled task.
     * @param id the thread id
     * @param name the thread name
     * @param state the thread state, {@code WAITING} for example
     * @param stackTrace its frames, innermost first; {@code null} where not shown
     */
    public record ThreadDescriptor(long id, String name, String state, @Nullable List<String> stackTrace) {

        static ThreadDescriptor of(JavaThread thread, boolean showStackTrace) {
            return new ThreadDescriptor(thread.id(), thread.name(), thread.state(),
                    showStackTrace ? thread.stackTrace() : null);
        }
    }

    /** Lets a native image serialize the descriptors. */
    static class NamspillEndpointRuntimeHints implements RuntimeHintsRegistrar {

        private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

        @Override
        public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
            this.bindingRegistrar.registerReflectionHints(hints.reflection(), ReportDescriptor.class,
                    TypeReportDescriptor.class, UnsupportedDescriptor.class);
        }
    }
}
