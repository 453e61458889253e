package io.namspill.test;

import io.namspill.Namspill;
import io.namspill.report.SpillOptions;
import io.namspill.report.SpilledTask;
import io.namspill.snapshot.TaskSnapshot;
import io.namspill.trace.TraceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
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
 * // or, with options:
 * @RegisterExtension
 * static NamspillExtension namspill = NamspillExtension.builder()
 *         .settle(Duration.ofSeconds(2))
 *         .ignoreThreads("netns-worker-.*")
 *         .build();
 * }</pre>
 *
 * <h2>What fails a test</h2>
 * Before each test the extension reads the namespaces of every task (procfs only, no thread
 * dump); after it (after the test's {@code @AfterEach} methods) it reads them again. A test fails
 * only for tasks that spilled <em>during</em> it: tasks that were not spilled before, or are now
 * attached to a namespace they were not attached to before. A task is identified by its tid and
 * start time, since Linux reuses tids. A leak therefore fails the test that made it, once; the
 * tests after it pass and get a report entry (key {@value #REPORT_KEY}) saying which tasks were
 * already spilled. Tasks inside a switch made through the switching API
 * ({@code io.namspill.Namespaces}) are switched, not leaked, and never fail a test.
 *
 * <p>Before failing, the extension re-reads the tasks until the {@linkplain Builder#settle
 * settle time} (default 1 s) has passed, parking the test thread
 * between reads: a thread that ended its namespace dance may still be exiting when the test
 * returns. A clean test is not slowed down. Only when a task spilled during the test does the
 * extension name its Java thread: by its CPU time (no global pause), or, for a task it cannot
 * match that way, from a thread dump (a stop-the-world pause).
 *
 * <p>The failure message is {@link io.namspill.report.SpillReport#render(List)} of the tasks that spilled
 * during the test, the same text as {@link NamspillAssertions} and {@link NamspillMatchers} give.
 *
 * <h2>Configuration</h2>
 * The builder's settings win. Where the builder sets nothing (always with
 * {@code @ExtendWith(NamspillExtension.class)} and with auto-detection), these JUnit
 * configuration parameters apply, in {@code junit-platform.properties} for example:
 * <ul>
 * <li>{@value #SETTLE_PARAMETER}: the settle time, {@code 500ms}, {@code 2s} or
 * {@code PT2S}; {@code 0s} fails without re-checking.</li>
 * <li>{@value #IGNORED_THREADS_PARAMETER}: comma-separated regular expressions; a task whose Java
 * thread name or task name matches one fully never fails a test. The builder's patterns are
 * added to these.</li>
 * <li>{@value #FAIL_WHEN_UNSUPPORTED_PARAMETER}: {@code true} fails every test where the
 * namespaces cannot be read (see below).</li>
 * <li>{@value #TRACE_PARAMETER}: {@code true} enables the origin trace before the first test (see
 * below).</li>
 * <li>{@value #IGNORED_ORIGINS_PARAMETER}: comma-separated regular expressions; a spill whose
 * origin stack has a frame {@code class.method} matching one fully never fails a test.</li>
 * <li>{@value #FAIL_ON_SPILL_PARAMETER}: {@code false} reports spills instead of failing.</li>
 * </ul>
 *
 * <h2>Who leaked: the origin trace</h2>
 * With {@link Builder#trace(boolean) trace(true)} (or {@value #TRACE_PARAMETER}{@code =true}) the
 * extension calls {@link Namspill#enableTrace()} before the first test: from then on, for the rest
 * of the test JVM's life, every {@code setns} and {@code unshare} is noted with the calling Java
 * thread's stack, and a failure names the call that left each task where it is (its
 * {@code origin}: the call, the types, the time and the frames), even after the thread went back to
 * idling in its pool. The filter cannot be removed: run such tests in a Surefire/Failsafe
 * execution of their own. Where the trace cannot run, the failure says why the origin is unknown.
 *
 * <h2>Report-only mode</h2>
 * With {@link Builder#failOnSpill(boolean) failOnSpill(false)} a spill does not fail the test: the
 * same text goes into a report entry (key {@value #REPORT_KEY}) and a warning of the
 * {@code System.Logger} named after this class, for projects that adopt namspill gradually.
 *
 * <p>For every test of a project, enable JUnit's extension auto-detection: this module registers
 * the extension in {@code META-INF/services/org.junit.jupiter.api.extension.Extension}, which
 * JUnit reads when {@code junit.jupiter.extensions.autodetection.enabled=true}. Where several
 * instances of this extension apply to one test (auto-detection and a {@code @RegisterExtension}
 * field, say), only the one registered last, the most specific, checks it.
 *
 * <h2>Parallel test execution</h2>
 * The tasks are the process's, not a test's: a check cannot tell which of several tests running
 * at the same time made a task spill. With {@code junit.jupiter.execution.parallel.enabled=true}
 * a leak may fail a test that runs concurrently with the one that caused it (and a concurrent
 * test's leak may show up in this one's pre-existing tasks). The failure message says so. Run the
 * classes that create namespaces in {@code @Execution(SAME_THREAD)} with
 * {@code @Isolated} for an exact attribution.
 *
 * <h2>Unsupported platforms</h2>
 * Where the namespaces of the tasks cannot be read (macOS, Windows, a restricted {@code /proc}),
 * there is nothing to check: tests pass and get a report entry with the reason, so one test suite
 * runs on every developer's machine. With {@link Builder#failWhenUnsupported(boolean)} or the
 * parameter above they fail instead, for a CI job that must really check.
 *
 * <p>Instances are immutable and may be shared by concurrently running tests; the state of a
 * test lives in its {@link ExtensionContext}.
 */
public final class NamspillExtension implements BeforeEachCallback, AfterEachCallback {

    /** Configuration parameter for the settle time. */
    public static final String SETTLE_PARAMETER = "namspill.extension.settle";

    /** Configuration parameter for comma-separated thread-name patterns to ignore. */
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

    static final String PARALLEL_PARAMETER = "junit.jupiter.execution.parallel.enabled";

    private static final Namespace NAMESPACE = Namespace.create(NamspillExtension.class);
    private static final System.Logger LOGGER = System.getLogger(NamspillExtension.class.getName());
    private static final String OWNER = "owner";

    private final @Nullable Duration settle;
    private final List<Pattern> ignoredThreads;
    private final Predicate<? super SpilledTask> ignore;
    private final @Nullable Boolean failWhenUnsupported;
    private final @Nullable Boolean trace;
    private final List<Pattern> ignoredOrigins;
    private final @Nullable Boolean failOnSpill;
    private final Supplier<TaskSnapshot> snapshots;

    /**
     * The extension as {@code @ExtendWith(NamspillExtension.class)} and auto-detection create
     * it: configured by the JUnit configuration parameters, else the defaults.
     */
    public NamspillExtension() {
        this(new Builder());
    }

    private NamspillExtension(Builder builder) {
        this.settle = builder.settle;
        this.ignoredThreads = List.copyOf(builder.ignoredThreads);
        this.ignore = builder.ignore;
        this.failWhenUnsupported = builder.failWhenUnsupported;
        this.trace = builder.trace;
        this.ignoredOrigins = List.copyOf(builder.ignoredOrigins);
        this.failOnSpill = builder.failOnSpill;
        this.snapshots = builder.snapshots;
    }

    /** A builder for a {@code @RegisterExtension} field. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Settings settings = settings(context);
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
        Settings settings = baseline.settings();
        SettlingCheck check = new SettlingCheck(snapshots, settings.options(), ignore, settings.settle());
        SettlingCheck.Verdict verdict = check.run(baseline.spills());
        if (verdict instanceof SettlingCheck.Clean clean) {
            if (!clean.preExisting().isEmpty()) {
                context.publishReportEntry(REPORT_KEY, describePreExisting(clean.preExisting()));
            }
        }
        else if (verdict instanceof SettlingCheck.Leaked leaked) {
            String message = failureMessage(leaked, settings);
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

    private static String failureMessage(SettlingCheck.Leaked leaked, Settings settings) {
        StringBuilder message = new StringBuilder(leaked.report().render(leaked.leaked()));
        int before = leaked.preExisting().size();
        if (before > 0) {
            message.append("\n(").append(before).append(before == 1 ? " task was" : " tasks were")
                    .append(" already spilled before this test and ").append(before == 1 ? "is" : "are")
                    .append(" not listed)");
        }
        if (settings.parallel()) {
            message.append("\nNote: JUnit parallel execution is enabled (").append(PARALLEL_PARAMETER)
                    .append("=true). namspill checks the whole process, so it cannot attribute a spill to one of"
                            + " several tests running at the same time: these tasks may have spilled in a concurrent test.");
        }
        return message.toString();
    }

    private static String describePreExisting(List<SpilledTask> tasks) {
        StringJoiner list = new StringJoiner("; ");
        for (SpilledTask task : tasks) {
            list.add("task " + task.task().tid() + " \"" + task.task().name().orElse("") + "\" ("
                    + String.join(", ", task.differences().keySet()) + ")");
        }
        return tasks.size() + (tasks.size() == 1 ? " task was" : " tasks were")
                + " already attached to other namespaces before this test and still " + (tasks.size() == 1 ? "is" : "are")
                + " (not counted against this test): " + list;
    }

    private Settings settings(ExtensionContext context) {
        Duration settleTime = settle != null ? settle
                : context.getConfigurationParameter(SETTLE_PARAMETER)
                        .map(value -> ConfigurationParameters.duration(SETTLE_PARAMETER, value))
                        .orElse(DEFAULT_SETTLE);
        List<Pattern> patterns = new ArrayList<>(context.getConfigurationParameter(IGNORED_THREADS_PARAMETER)
                .map(value -> ConfigurationParameters.patterns(IGNORED_THREADS_PARAMETER, value))
                .orElse(List.of()));
        patterns.addAll(ignoredThreads);
        boolean failUnsupported = flag(context, failWhenUnsupported, FAIL_WHEN_UNSUPPORTED_PARAMETER, false);
        boolean parallel = context.getConfigurationParameter(PARALLEL_PARAMETER).map(Boolean::parseBoolean).orElse(false);
        List<Pattern> origins = new ArrayList<>(context.getConfigurationParameter(IGNORED_ORIGINS_PARAMETER)
                .map(value -> ConfigurationParameters.patterns(IGNORED_ORIGINS_PARAMETER, value))
                .orElse(List.of()));
        origins.addAll(ignoredOrigins);
        SpillOptions options = SpillOptions.defaults().withIgnoredThreads(patterns).withIgnoredOrigins(origins);
        return new Settings(settleTime, options, failUnsupported, parallel, flag(context, trace, TRACE_PARAMETER, false),
                flag(context, failOnSpill, FAIL_ON_SPILL_PARAMETER, true));
    }

    /** The builder's setting, else the configuration parameter, else {@code otherwise}. */
    private static boolean flag(ExtensionContext context, @Nullable Boolean set, String parameter, boolean otherwise) {
        return set != null ? set
                : context.getConfigurationParameter(parameter).map(value -> ConfigurationParameters.bool(parameter, value))
                        .orElse(otherwise);
    }

    private record Settings(Duration settle, SpillOptions options, boolean failWhenUnsupported, boolean parallel,
            boolean trace, boolean failOnSpill) {
    }

    private record Baseline(Settings settings, SpillBaseline spills) {
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
