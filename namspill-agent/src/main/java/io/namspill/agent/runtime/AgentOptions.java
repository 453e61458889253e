package io.namspill.agent.runtime;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The agent's options, {@code key=value} separated by commas: {@code check-interval},
 * {@code grace-period} (durations such as {@code 30s}, {@code 500ms}, {@code 2m} or ISO-8601
 * {@code PT30S}), {@code ignored-threads} (regular expressions separated by {@code ;}),
 * {@code trace} ({@code true} or {@code false}). A comma inside a regular expression stays in it:
 * a new option begins only where a known key and {@code =} follow the comma.
 */
record AgentOptions(Duration checkInterval, Duration gracePeriod, List<Pattern> ignoredThreads, boolean trace) {

    static final String CHECK_INTERVAL = "check-interval";
    static final String GRACE_PERIOD = "grace-period";
    static final String IGNORED_THREADS = "ignored-threads";
    static final String TRACE = "trace";
    private static final List<String> KEYS = List.of(CHECK_INTERVAL, GRACE_PERIOD, IGNORED_THREADS, TRACE);

    private static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(30);
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ns|us|ms|s|m|h|d)");

    /** Parses {@code text}; a bad option fails with a message naming it and what it accepts. */
    static AgentOptions parse(String text) {
        Duration checkInterval = DEFAULT_CHECK_INTERVAL;
        Duration gracePeriod = Duration.ZERO;
        List<Pattern> ignoredThreads = List.of();
        boolean trace = false;
        for (String option : split(text)) {
            int equals = option.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("agent option '" + option + "': expected key=value, keys: " + KEYS);
            }
            String key = option.substring(0, equals).trim();
            String value = option.substring(equals + 1).trim();
            switch (key) {
                case CHECK_INTERVAL -> checkInterval = duration(key, value);
                case GRACE_PERIOD -> gracePeriod = duration(key, value);
                case IGNORED_THREADS -> ignoredThreads = patterns(value);
                case TRACE -> trace = bool(key, value);
                default -> throw new IllegalArgumentException("agent option '" + key + "' is unknown; keys: " + KEYS);
            }
        }
        if (checkInterval.isZero()) {
            throw new IllegalArgumentException("agent option " + CHECK_INTERVAL + "=0: must be positive");
        }
        return new AgentOptions(checkInterval, gracePeriod, ignoredThreads, trace);
    }

    /** How the options read back, for the start-up line. */
    String describe() {
        return CHECK_INTERVAL + "=" + checkInterval + ", " + GRACE_PERIOD + "=" + gracePeriod + ", "
                + IGNORED_THREADS + "=" + ignoredThreads + ", " + TRACE + "=" + trace;
    }

    private static List<String> split(String text) {
        List<String> options = new ArrayList<>();
        for (String piece : text.split(",", -1)) {
            if (options.isEmpty() || startsWithKey(piece)) {
                options.add(piece);
            }
            else {
                options.set(options.size() - 1, options.get(options.size() - 1) + "," + piece);
            }
        }
        options.removeIf(option -> option.isBlank());
        return options;
    }

    private static boolean startsWithKey(String piece) {
        String trimmed = piece.stripLeading();
        return KEYS.stream().anyMatch(key -> trimmed.startsWith(key + "="));
    }

    private static Duration duration(String key, String value) {
        Duration duration;
        Matcher simple = SIMPLE_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        try {
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                duration = switch (simple.group(2)) {
                    case "ns" -> Duration.ofNanos(amount);
                    case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            else {
                duration = Duration.parse(value);
            }
        }
        catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("agent option " + key + "=" + value
                    + ": not a duration (examples: 30s, 500ms, 2m, PT30S)", e);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("agent option " + key + "=" + value + ": must not be negative");
        }
        return duration;
    }

    private static List<Pattern> patterns(String value) {
        List<Pattern> patterns = new ArrayList<>();
        for (String regex : value.split(";")) {
            if (regex.isBlank()) {
                continue;
            }
            try {
                patterns.add(Pattern.compile(regex.trim()));
            }
            catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("agent option " + IGNORED_THREADS + ": '" + regex
                        + "' is no regular expression: " + e.getDescription(), e);
            }
        }
        return List.copyOf(patterns);
    }

    private static boolean bool(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("agent option " + key + "=" + value + ": expected true or false");
        };
    }
}
