package io.namspill.report;

import io.namspill.jvm.ThreadCorrelator;
import io.namspill.snapshot.TaskSnapshot;
import io.namspill.internal.trace.NamespaceTrace;
import io.namspill.trace.Origin;
import io.namspill.trace.OriginSource;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link SpillReport} judges a snapshot: which types count, which threads live in other
 * namespaces on purpose, how tids are matched with Java threads, and where origins come from.
 * Immutable; the {@code with...} methods return a copy.
 */
public final class SpillOptions {

    private static final SpillOptions DEFAULTS = new SpillOptions(Set.of(), List.of(), List.of(), null, null);

    private final Set<String> types;
    private final List<Pattern> ignoredThreads;
    private final List<Pattern> ignoredOrigins;
    private final @Nullable ThreadCorrelator correlator;
    private final @Nullable OriginSource origins;

    private SpillOptions(Set<String> types, List<Pattern> ignoredThreads, List<Pattern> ignoredOrigins,
            @Nullable ThreadCorrelator correlator, @Nullable OriginSource origins) {
        this.types = types;
        this.ignoredThreads = ignoredThreads;
        this.ignoredOrigins = ignoredOrigins;
        this.correlator = correlator;
        this.origins = origins;
    }

    /**
     * Every type counts, no thread is ignored, the running JVM's threads are named, and the origins
     * of its spilled tasks come from the origin trace where {@link io.namspill.Namspill#enableTrace()}
     * started it.
     */
    public static SpillOptions defaults() {
        return DEFAULTS;
    }

    /** Only these types count; an empty set means every type read. */
    public SpillOptions withTypes(Collection<String> types) {
        return new SpillOptions(Set.copyOf(types), ignoredThreads, ignoredOrigins, correlator, origins);
    }

    /**
     * Tasks whose Java thread name or task name matches one of these patterns fully are never
     * spilled: threads that live in another namespace on purpose.
     */
    public SpillOptions withIgnoredThreads(Collection<Pattern> patterns) {
        return new SpillOptions(types, List.copyOf(patterns), ignoredOrigins, correlator, origins);
    }

    /**
     * Tasks whose {@linkplain SpilledTask#origin() origin} stack has a frame whose
     * {@code class.method} ({@code com.example.Netns.enter}) matches one of these patterns fully are
     * never spilled: leaks made on purpose by known code. Needs the origin trace.
     */
    public SpillOptions withIgnoredOrigins(Collection<Pattern> patterns) {
        return new SpillOptions(types, ignoredThreads, List.copyOf(patterns), correlator, origins);
    }

    /**
     * How tids are matched with Java threads. By default the running JVM is asked for snapshots
     * of the running JVM, and nobody for other snapshots.
     */
    public SpillOptions withCorrelator(ThreadCorrelator correlator) {
        return new SpillOptions(types, ignoredThreads, ignoredOrigins, Objects.requireNonNull(correlator, "correlator"),
                origins);
    }

    /**
     * Where the origins of spilled tasks come from. By default the running JVM's origin trace is
     * asked for snapshots of the running JVM, and nobody for other snapshots.
     */
    public SpillOptions withOrigins(OriginSource origins) {
        return new SpillOptions(types, ignoredThreads, ignoredOrigins, correlator,
                Objects.requireNonNull(origins, "origins"));
    }

    /** The counted types; empty means every type read. */
    public Set<String> types() {
        return types;
    }

    /** The ignore patterns. */
    public List<Pattern> ignoredThreads() {
        return ignoredThreads;
    }

    /** The origin patterns. */
    public List<Pattern> ignoredOrigins() {
        return ignoredOrigins;
    }

    boolean ignoresOrigin(Optional<Origin> origin) {
        if (origin.isEmpty() || ignoredOrigins.isEmpty()) {
            return false;
        }
        for (StackTraceElement frame : origin.get().frames()) {
            String method = frame.getClassName() + "." + frame.getMethodName();
            for (Pattern pattern : ignoredOrigins) {
                if (pattern.matcher(method).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean counts(String type) {
        return types.isEmpty() || types.contains(type);
    }

    boolean ignores(@Nullable String name) {
        for (Pattern pattern : ignoredThreads) {
            if (name != null && pattern.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    ThreadCorrelator correlatorFor(TaskSnapshot snapshot) {
        if (correlator != null) {
            return correlator;
        }
        return snapshot.isOfCurrentProcess() ? ThreadCorrelator.forCurrentJvm() : ThreadCorrelator.none();
    }

    OriginSource originsFor(TaskSnapshot snapshot) {
        if (origins != null) {
            return origins;
        }
        return snapshot.isOfCurrentProcess() ? NamespaceTrace.origins() : OriginSource.none();
    }
}
