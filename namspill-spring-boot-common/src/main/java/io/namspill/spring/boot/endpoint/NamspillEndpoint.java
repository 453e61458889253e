package io.namspill.spring.boot.endpoint;

import io.namspill.jvm.JavaThread;
import io.namspill.monitor.MonitorResult;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.report.NamespaceCount;
import io.namspill.report.SpillReport;
import io.namspill.report.SpilledTask;
import io.namspill.report.TypeSummary;
import io.namspill.trace.Origin;
import io.namspill.trace.TraceStatus;
import java.time.temporal.ChronoUnit;
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

    /** Why stack traces are left out: the {@code note} of an answer that leaves some out. */
    static final String HIDDEN_BY_NEVER = "Java stack traces are hidden: namspill.endpoint.show-details is never."
            + " Set it to always (or when-authorized, with Spring Security) to show them.";

    static final String HIDDEN_UNAUTHORIZED = "Java stack traces are hidden: namspill.endpoint.show-details is"
            + " when-authorized (the default) and this request is not authorized (no authenticated user, or one without"
            + " a role of namspill.endpoint.roles). Authenticate, or set namspill.endpoint.show-details=always.";

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
        List<TaskDescriptor> leaks = tasks(result.leakedTasks(), showStackTraces);
        List<TaskDescriptor> switched = tasks(result.switchedTasks(), showStackTraces);
        return new ReportDescriptor(true, report.snapshot().pid(), report.isUniform(), result.taskCount(),
                report.reference(), types, leaks, switched, note(showStackTraces, leaks, switched),
                report.trace().map(TraceDescriptor::of).orElse(null));
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
        List<TaskDescriptor> described = tasks(leaks, showStackTraces);
        return new TypeReportDescriptor(type, namespaces(summary), leaks.size(), described,
                note(showStackTraces, described, List.of()));
    }

    /**
     * The answer to a namespace type that is not checked: what it asked for and the valid types.
     * @param type the type asked for
     * @return the answer, or why the platform cannot be checked
     */
    public NamspillDescriptor unknownType(String type) {
        MonitorResult result = this.monitor.current();
        if (!result.isSupported()) {
            return UnsupportedDescriptor.of(result);
        }
        List<String> valid = List.copyOf(result.report().types().keySet());
        return new UnknownTypeDescriptor(type, "'" + type + "' is not a namespace type that namspill checks here; valid types are "
                + String.join(", ", valid), valid);
    }

    /** Says why stack traces are missing, where a listed Java thread's stack trace was left out. */
    private @Nullable String note(boolean showStackTraces, List<TaskDescriptor> leaks, List<TaskDescriptor> switched) {
        if (showStackTraces || (leaks.stream().noneMatch(task -> task.thread() != null)
                && switched.stream().noneMatch(task -> task.thread() != null))) {
            return null;
        }
        return (this.showStackTraces == Show.NEVER) ? HIDDEN_BY_NEVER : HIDDEN_UNAUTHORIZED;
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
     * @param note why Java stack traces are left out, where they are; {@code null} otherwise
     * @param trace whether the origin trace runs, and why not; {@code null} where it was not enabled
     */
    public record ReportDescriptor(boolean supported, long pid, boolean uniform, int tasks,
            Map<String, Long> reference, Map<String, TypeDescriptor> types, List<TaskDescriptor> leaks,
            List<TaskDescriptor> switched, @Nullable String note, @Nullable TraceDescriptor trace)
            implements NamspillDescriptor {
    }

    /**
     * The origin trace ({@code namspill.trace.enabled}).
     * @param active whether every setns/unshare is traced
     * @param reason why not, or what it runs with
     */
    public record TraceDescriptor(boolean active, String reason) {

        static TraceDescriptor of(TraceStatus status) {
            return new TraceDescriptor(status.active(), status.reason());
        }
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
     * @param note why Java stack traces are left out, where they are; {@code null} otherwise
     */
    public record TypeReportDescriptor(String type, List<NamespaceDescriptor> namespaces, int leakedTasks,
            List<TaskDescriptor> leaks, @Nullable String note) implements NamspillDescriptor {
    }

    /**
     * The answer to a namespace type that is not checked (HTTP 404).
     * @param type the type asked for
     * @param message what is wrong, naming the valid types
     * @param validTypes the types the endpoint answers for
     */
    public record UnknownTypeDescriptor(String type, String message, List<String> validTypes)
            implements NamspillDescriptor {
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
     * @param origin the traced call that left it there, where the origin trace knows it
     */
    public record TaskDescriptor(int tid, String name, Map<String, Long> namespaces, @Nullable ThreadDescriptor thread,
            @Nullable OriginDescriptor origin) {

        static TaskDescriptor of(SpilledTask task, boolean showStackTrace) {
            return new TaskDescriptor(task.task().tid(), task.task().name().orElse(""), task.namespaces(),
                    task.thread().map(thread -> ThreadDescriptor.of(thread, showStackTrace)).orElse(null),
                    task.origin().map(origin -> OriginDescriptor.of(origin, showStackTrace)).orElse(null));
        }
    }

    /**
     * The setns or unshare call that left a task in its current foreign namespace.
     * @param syscall {@code setns} or {@code unshare}
     * @param types the namespace types that call changed
     * @param time when it was made, ISO-8601 in UTC
     * @param stackTrace the calling thread's frames at the call, innermost first; {@code null} where not shown
     */
    public record OriginDescriptor(String syscall, List<String> types, String time, @Nullable List<String> stackTrace) {

        static OriginDescriptor of(Origin origin, boolean showStackTrace) {
            return new OriginDescriptor(origin.syscall(), origin.types(),
                    origin.time().truncatedTo(ChronoUnit.MILLIS).toString(), showStackTrace ? origin.stackTrace() : null);
        }
    }

    /**
     * The Java thread of a spilled task.
     * @param id the thread id
     * @param name the thread name
     * @param state the thread state, {@code WAITING} for example
     * @param namedBy how the task was matched with the thread: {@code cpu-time} (no thread dump)
     *        or {@code thread-dump} (the fallback)
     * @param stackTrace its frames, innermost first; {@code null} where not shown
     */
    public record ThreadDescriptor(long id, String name, String state, String namedBy,
            @Nullable List<String> stackTrace) {

        static ThreadDescriptor of(JavaThread thread, boolean showStackTrace) {
            return new ThreadDescriptor(thread.id(), thread.name(), thread.state(), thread.namedBy().label(),
                    showStackTrace ? thread.stackTrace() : null);
        }
    }

    /** Lets a native image serialize the descriptors. */
    static class NamspillEndpointRuntimeHints implements RuntimeHintsRegistrar {

        private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

        @Override
        public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
            this.bindingRegistrar.registerReflectionHints(hints.reflection(), ReportDescriptor.class,
                    TypeReportDescriptor.class, UnsupportedDescriptor.class, UnknownTypeDescriptor.class);
        }
    }
}
