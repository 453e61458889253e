package io.namspill.test;

import io.namspill.Namspill;
import io.namspill.report.SpilledTask;
import io.namspill.snapshot.TaskId;
import io.namspill.snapshot.TaskSnapshot;
import io.namspill.trace.TraceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * JUnit Jupiter extension that fails a test which leaves a task of the JVM attached to another
 * Linux namespace than the thread-group leader: a thread that called {@code setns} or
 * {@code unshare} and never switched back.
 *
 * <pre>{@code
 * @ExtendWith(NamspillExtension.class)
 * class NetnsClientTests { ... }
 *
 * @RegisterExtension
 * static NamspillExtension namspill = NamspillExtension.builder().ignoreThreads("netns-worker-.*").build();
 * }</pre>
 *
 * <p>It reads the namespaces of every task before and after each test and fails the test only
 * for tasks that spilled <em>during</em> it, after re-checking for the {@linkplain Builder#settle
 * settle time}. Tasks already spilled before a test do not fail it: the first test that sees such
 * a task logs a warning (the {@code System.Logger} named after this class), and every one
 * publishes a report entry (key {@value #REPORT_KEY}). Tasks inside a switch made through
 * {@code io.namspill.Namespaces} are switched, not leaked. Where the namespaces cannot be read,
 * tests pass with a report entry giving the reason, unless {@link Builder#failWhenUnsupported}.
 * The checks cover the whole process: with parallel test execution a leak may fail a concurrent
 * test (the failure says so).
 *
 * <p>The builder's settings win over JUnit configuration parameters ({@value #SETTLE_PARAMETER},
 * {@value #IGNORED_THREADS_PARAMETER}, {@value #FAIL_WHEN_UNSUPPORTED_PARAMETER},
 * {@value #TRACE_PARAMETER}, {@value #IGNORED_ORIGINS_PARAMETER}, {@value #FAIL_ON_SPILL_PARAMETER}),
 * which apply to {@code @ExtendWith} and to JUnit's extension auto-detection (this module registers
 * the extension for it). Where several instances apply to one test, the most specific checks it.
 * Instances are immutable; the state of a test lives in its {@link ExtensionContext}.
 */
public final class NamspillExtension implements BeforeEachCallback, AfterEachCallback {

    /** Configuration parameter for the settle time: {@code 500ms}, {@code 2s} or {@code PT2S}; {@code 0s} re-checks never. */
    public static final String SETTLE_PARAMETER = "namspill.extension.settle";

    /** Configuration parameter for comma-separated thread-name patterns to ignore, added to the builder's. */
    public static final String IGNORED_THREADS_PARAMETER = "namspill.extension.ignored-threads";

    /** Configuration parameter: whether a test fails where the namespaces cannot be read. */
    public static final String FAIL_WHEN_UNSUPPORTED_PARAMETER = "namspill.extension.fail-when-unsupported";

    /** Configuration parameter: whether to enable the origin trace before the first test. */
    public static final String TRACE_PARAMETER = "namspill.extension.trace";

    /** Configuration parameter for comma-separated origin-frame patterns ({@code class.method}) to ignore. */
    public static final String IGNORED_ORIGINS_PARAMETER = "namspill.extension.ignored-origins";

    /** Configuration parameter: whether a spill fails the test ({@code true}, the default) or is only reported. */
    public static final String FAIL_ON_SPILL_PARAMETER = "namspill.extension.fail-on-spill";

    /** The key of the report entries this extension publishes. */
    public static final String REPORT_KEY = "namspill";

    /** The default settle time. */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(1);

    private static final Namespace NAMESPACE = Namespace.create(NamspillExtension.class);
    private static final System.Logger LOGGER = System.getLogger(NamspillExtension.class.getName());
    private static final String OWNER = "owner";
    private static final String WARNED = "warned-tasks";

    private final ExtensionSettings.Overrides overrides;
    private final Predicate<? super SpilledTask> ignore;
    private final Supplier<TaskSnapshot> snapshots;

    /**
     * The extension as {@code @ExtendWith(NamspillExtension.class)} and auto-detection create
     * it: configured by the JUnit configuration parameters, else the defaults.
     */
    public NamspillExtension() {
        this(new Builder());
    }

    private NamspillExtension(Builder builder) {
        this.overrides = new ExtensionSettings.Overrides(builder.settle, builder.ignoredThreads, builder.failWhenUnsupported,
                builder.trace, builder.ignoredOrigins, builder.failOnSpill);
        this.ignore = builder.ignore;
        this.snapshots = builder.snapshots;
    }

    /** A builder for a {@code @RegisterExtension} field. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionSettings settings = ExtensionSettings.of(context, overrides);
        if (settings.trace()) {
            TraceStatus status = Namspill.enableTrace(); // once per JVM; later calls return the same status
            Store root = context.getRoot().getStore(NAMESPACE);
            if (!status.active() && root.get(TRACE_PARAMETER) == null) {
                root.put(TRACE_PARAMETER, status); // said once per run, not per test
                context.publishReportEntry(REPORT_KEY, "origin trace not running: " + status.reason());
            }
        }
        Store store = context.getStore(NAMESPACE);
        store.put(OWNER, this);
        store.put(this, new Baseline(settings, SpillBaseline.of(snapshots.get())));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Store store = context.getStore(NAMESPACE);
        Baseline baseline = store.remove(this, Baseline.class);
        if (store.get(OWNER) != this || baseline == null) {
            return; // a more specific instance of this extension checks this test
        }
        ExtensionSettings settings = baseline.settings();
        SettlingCheck check = new SettlingCheck(snapshots, settings.options(), ignore, settings.settle());
        SettlingCheck.Verdict verdict = check.run(baseline.spills());
        if (verdict instanceof SettlingCheck.Clean clean) {
            if (!clean.preExisting().isEmpty()) {
                tellOfEarlierSpills(context, clean.preExisting());
            }
        }
        else if (verdict instanceof SettlingCheck.Leaked leaked) {
            String message = SpillMessages.failure(leaked, settings);
            if (settings.failOnSpill()) {
                throw new AssertionFailedError(message);
            }
            context.publishReportEntry(REPORT_KEY, "spilled (reported only, " + FAIL_ON_SPILL_PARAMETER + "=false): " + message);
            LOGGER.log(System.Logger.Level.WARNING, context.getDisplayName() + " left tasks in other namespaces: " + message);
        }
        else if (verdict instanceof SettlingCheck.Unsupported unsupported) {
            String text = "namespaces cannot be checked: " + unsupported.reason();
            if (settings.failWhenUnsupported()) {
                throw new AssertionFailedError(text);
            }
            context.publishReportEntry(REPORT_KEY, "not checked, " + text);
        }
    }

    /**
     * A report entry for every test, and a warning for the first test of the run that sees a
     * task: Surefire shows no report entries, and a warning per test would drown the log.
     */
    private static void tellOfEarlierSpills(ExtensionContext context, List<SpilledTask> preExisting) {
        String text = SpillMessages.preExisting(preExisting);
        context.publishReportEntry(REPORT_KEY, text);
        if (warnedTasks(context).addAll(preExisting.stream().map(task -> task.task().id()).toList())) {
            LOGGER.log(System.Logger.Level.WARNING, context.getDisplayName() + ": " + text);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<TaskId> warnedTasks(ExtensionContext context) {
        Store root = context.getRoot().getStore(NAMESPACE);
        Set<TaskId> warned = root.get(WARNED, Set.class);
        if (warned == null) {
            warned = ConcurrentHashMap.newKeySet();
            root.put(WARNED, warned); // a test running at the same time may warn once more, never less
        }
        return warned;
    }

    private record Baseline(ExtensionSettings settings, SpillBaseline spills) {
    }

    /** Options for a {@code @RegisterExtension} field; unset options come from the configuration parameters. */
    public static final class Builder {

        private @Nullable Duration settle;
        private final List<Pattern> ignoredThreads = new ArrayList<>();
        private Predicate<? super SpilledTask> ignore = task -> false;
        private @Nullable Boolean failWhenUnsupported;
        private @Nullable Boolean trace;
        private final List<Pattern> ignoredOrigins = new ArrayList<>();
        private @Nullable Boolean failOnSpill;
        private Supplier<TaskSnapshot> snapshots = Namspill::tasks;

        private Builder() {
        }

        /**
         * How long to re-check a task that spilled during the test before failing it (default
         * 1 s); {@link Duration#ZERO} fails at the first check.
         *
         * @throws IllegalArgumentException if {@code settle} is negative
         */
        public Builder settle(Duration settle) {
            Objects.requireNonNull(settle, "settle");
            if (settle.isNegative()) {
                throw new IllegalArgumentException("Invalid settle time " + settle + ": must not be negative");
            }
            this.settle = settle;
            return this;
        }

        /**
         * Never fail a test for a task whose Java thread name or task name matches one of these
         * regular expressions fully: threads that live in another namespace on purpose. Adds to
         * earlier calls and to the {@value NamspillExtension#IGNORED_THREADS_PARAMETER} parameter.
         *
         * @throws IllegalArgumentException naming the expression that is not valid
         */
        public Builder ignoreThreads(String... regexes) {
            ignoredThreads.addAll(ThreadPatterns.compile(regexes));
            return this;
        }

        /**
         * Never fail a test for a spilled task that {@code predicate} accepts. It sees the task,
         * its differing namespaces and its Java thread where the JVM could name one. Adds to
         * earlier calls: a task is ignored when any predicate accepts it.
         */
        public Builder ignore(Predicate<? super SpilledTask> predicate) {
            Objects.requireNonNull(predicate, "predicate");
            Predicate<? super SpilledTask> before = ignore;
            ignore = task -> before.test(task) || predicate.test(task);
            return this;
        }

        /**
         * Whether a test fails where the namespaces cannot be read (default false: it passes with
         * a report entry giving the reason).
         */
        public Builder failWhenUnsupported(boolean fail) {
            this.failWhenUnsupported = fail;
            return this;
        }

        /**
         * Whether to enable the origin trace ({@link Namspill#enableTrace()}) before the first test, so
         * that a failure names the call and the code that moved each spilled task. Cannot be undone
         * for the rest of the JVM's life: run such tests in a Surefire execution of their own.
         */
        public Builder trace(boolean trace) {
            this.trace = trace;
            return this;
        }

        /**
         * Never fail a test for a spill whose origin stack has a frame {@code class.method}
         * ({@code com.example.Netns.enter}) matching one of these regular expressions fully: leaks
         * made on purpose by known code. Needs the trace; adds to earlier calls and to the
         * {@value NamspillExtension#IGNORED_ORIGINS_PARAMETER} parameter.
         *
         * @throws IllegalArgumentException naming the expression that is not valid
         */
        public Builder ignoreOrigins(String... regexes) {
            Objects.requireNonNull(regexes, "regexes");
            for (String regex : regexes) {
                ignoredOrigins.add(ThreadPatterns.compile(regex, "origin pattern"));
            }
            return this;
        }

        /**
         * Whether a spill fails the test (default true); false reports it instead, in a report entry
         * and a warning.
         */
        public Builder failOnSpill(boolean fail) {
            this.failOnSpill = fail;
            return this;
        }

        /** Where the snapshots come from; for this module's tests (a fixture procfs tree). */
        Builder snapshots(Supplier<TaskSnapshot> snapshots) {
            this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
            return this;
        }

        /** The extension, for a {@code @RegisterExtension} field. */
        public NamspillExtension build() {
            return new NamspillExtension(this);
        }
    }
}
