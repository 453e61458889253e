package io.namspill.test;

import io.namspill.report.SpillOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What {@link NamspillExtension} applies to one test: the builder's settings, else the JUnit
 * configuration parameters, else the defaults. Patterns of both add up.
 */
record ExtensionSettings(Duration settle, SpillOptions options, boolean failWhenUnsupported, boolean parallel,
        boolean trace, boolean failOnSpill) {

    static final String PARALLEL_PARAMETER = "junit.jupiter.execution.parallel.enabled";

    /** What the builder set; {@code null} where it set nothing. */
    record Overrides(@Nullable Duration settle, List<Pattern> ignoredThreads, @Nullable Boolean failWhenUnsupported,
            @Nullable Boolean trace, List<Pattern> ignoredOrigins, @Nullable Boolean failOnSpill) {

        Overrides {
            ignoredThreads = List.copyOf(ignoredThreads);
            ignoredOrigins = List.copyOf(ignoredOrigins);
        }
    }

    static ExtensionSettings of(ExtensionContext context, Overrides overrides) {
        Duration settle = overrides.settle() != null ? overrides.settle()
                : context.getConfigurationParameter(NamspillExtension.SETTLE_PARAMETER)
                        .map(value -> ConfigurationParameters.duration(NamspillExtension.SETTLE_PARAMETER, value))
                        .orElse(NamspillExtension.DEFAULT_SETTLE);
        SpillOptions options = SpillOptions.defaults()
                .withIgnoredThreads(patterns(context, NamspillExtension.IGNORED_THREADS_PARAMETER, overrides.ignoredThreads()))
                .withIgnoredOrigins(patterns(context, NamspillExtension.IGNORED_ORIGINS_PARAMETER, overrides.ignoredOrigins()));
        boolean parallel = context.getConfigurationParameter(PARALLEL_PARAMETER).map(Boolean::parseBoolean).orElse(false);
        return new ExtensionSettings(settle, options,
                flag(context, overrides.failWhenUnsupported(), NamspillExtension.FAIL_WHEN_UNSUPPORTED_PARAMETER, false),
                parallel, flag(context, overrides.trace(), NamspillExtension.TRACE_PARAMETER, false),
                flag(context, overrides.failOnSpill(), NamspillExtension.FAIL_ON_SPILL_PARAMETER, true));
    }

    /** The parameter's patterns, then the builder's. */
    private static List<Pattern> patterns(ExtensionContext context, String parameter, List<Pattern> built) {
        List<Pattern> patterns = new ArrayList<>(context.getConfigurationParameter(parameter)
                .map(value -> ConfigurationParameters.patterns(parameter, value))
                .orElse(List.of()));
        patterns.addAll(built);
        return patterns;
    }

    /** The builder's setting, else the configuration parameter, else {@code otherwise}. */
    private static boolean flag(ExtensionContext context, @Nullable Boolean set, String parameter, boolean otherwise) {
        return set != null ? set
                : context.getConfigurationParameter(parameter).map(value -> ConfigurationParameters.bool(parameter, value))
                        .orElse(otherwise);
    }
}
