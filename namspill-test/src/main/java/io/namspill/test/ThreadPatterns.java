package io.namspill.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Compiles thread-name expressions with an error that names the bad one. */
final class ThreadPatterns {

    private ThreadPatterns() {
    }

    static List<Pattern> compile(String... regexes) {
        Objects.requireNonNull(regexes, "regexes");
        List<Pattern> patterns = new ArrayList<>(regexes.length);
        for (String regex : regexes) {
            patterns.add(compile(regex, "thread-name pattern"));
        }
        return patterns;
    }

    static Pattern compile(String regex, String what) {
        Objects.requireNonNull(regex, what);
        try {
            return Pattern.compile(regex);
        }
        catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Invalid " + what + " '" + regex + "': " + e.getDescription(), e);
        }
    }
}
