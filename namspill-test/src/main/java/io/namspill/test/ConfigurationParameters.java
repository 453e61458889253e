package io.namspill.test;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Parses the extension's JUnit configuration parameters; a bad value fails with the parameter's name. */
final class ConfigurationParameters {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ns|us|ms|s|m|h)?");

    private ConfigurationParameters() {
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, a plain number of milliseconds, or ISO-8601 ({@code PT2S}). */
    static Duration duration(String key, String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Duration duration;
        Matcher simple = SIMPLE_DURATION.matcher(text);
        try {
            if (simple.matches()) {
                duration = Duration.of(Long.parseLong(simple.group(1)), unit(simple.group(2)));
            }
            else {
                duration = Duration.parse(text);
            }
        }
        catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw invalid(key, value, "expected a duration such as 500ms, 2s or PT2S");
        }
        if (duration.isNegative()) {
            throw invalid(key, value, "must not be negative");
        }
        return duration;
    }

    static List<Pattern> patterns(String key, String value) {
        List<Pattern> patterns = new ArrayList<>();
        for (String regex : value.split(",")) {
            String trimmed = regex.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                patterns.add(ThreadPatterns.compile(trimmed, "pattern"));
            }
            catch (IllegalArgumentException e) {
                throw invalid(key, value, e.getMessage());
            }
        }
        return patterns;
    }

    static boolean bool(String key, String value) {
        String text = value.strip();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(key, value, "expected true or false");
    }

    private static ChronoUnit unit(@Nullable String suffix) {
        if (suffix == null) {
            return ChronoUnit.MILLIS;
        }
        return switch (suffix) {
            case "ns" -> ChronoUnit.NANOS;
            case "us" -> ChronoUnit.MICROS;
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            default -> ChronoUnit.HOURS;
        };
    }

    private static ExtensionConfigurationException invalid(String key, String value, String problem) {
        return new ExtensionConfigurationException(
                "Invalid JUnit configuration parameter " + key + "='" + value + "': " + problem);
    }
}
