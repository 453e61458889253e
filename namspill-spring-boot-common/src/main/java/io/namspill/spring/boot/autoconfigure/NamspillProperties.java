package io.namspill.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for namspill: which namespaces count, which threads live elsewhere
 * on purpose, and how leaks are judged and cached.
 *
 * <p>Every setter validates its value, so that a bad value fails start-up with a message naming
 * the property and what it accepts, instead of a monitor that silently checks something else.
 */
@ConfigurationProperties("namspill")
public class NamspillProperties {

    /**
     * Namespace types to check, such as 'net' or 'uts'. When empty, every type the kernel
     * reports is checked.
     */
    private List<String> types = new ArrayList<>();

    /**
     * Regular expressions for threads that live in other namespaces on purpose. A task whose
     * Java thread name or task name matches one of them fully is never counted as spilled.
     */
    private List<String> ignoredThreads = new ArrayList<>();

    /**
     * How long a task must stay spilled (in any foreign namespaces) before health and metrics
     * count it as leaked. Measured between scans; a task seen back in the reference starts afresh.
     */
    private Duration gracePeriod = Duration.ofSeconds(0);

    /**
     * How long one scan serves the health indicator, the metrics and the endpoint. Concurrent
     * callers share one scan; zero caches nothing beyond the scan in flight.
     */
    private Duration cacheTtl = Duration.ofSeconds(1);

    /**
     * Regular expressions for code that leaves threads in other namespaces on purpose. A spilled
     * task whose origin stack (see namspill.trace.enabled) has a frame 'class.method' matching one
     * of them fully is never counted as spilled.
     */
    private List<String> ignoredOrigins = new ArrayList<>();

    private final Trace trace = new Trace();

    /**
     * How often to scan in the background when nothing (health probe, metrics scrape,
     * endpoint) has caused a scan for that long, so that leaks are logged in an application that
     * nobody probes. Zero turns the background check off.
     */
    private Duration checkInterval = Duration.ofSeconds(30);

    private List<Pattern> ignoredThreadPatterns = List.of();

    private List<Pattern> ignoredOriginPatterns = List.of();

    public List<String> getTypes() {
        return this.types;
    }

    public void setTypes(List<String> types) {
        Set<String> valid = NamespaceTypes.valid();
        for (String type : types) {
            if (!valid.contains(type)) {
                throw new IllegalArgumentException("namspill.types contains '" + type
                        + "', which is not a namespace type; valid types are " + String.join(", ", valid));
            }
        }
        this.types = new ArrayList<>(types);
    }

    public List<String> getIgnoredThreads() {
        return this.ignoredThreads;
    }

    public void setIgnoredThreads(List<String> ignoredThreads) {
        this.ignoredThreadPatterns = patterns("namspill.ignored-threads", ignoredThreads);
        this.ignoredThreads = new ArrayList<>(ignoredThreads);
    }

    public List<String> getIgnoredOrigins() {
        return this.ignoredOrigins;
    }

    public void setIgnoredOrigins(List<String> ignoredOrigins) {
        this.ignoredOriginPatterns = patterns("namspill.ignored-origins", ignoredOrigins);
        this.ignoredOrigins = new ArrayList<>(ignoredOrigins);
    }

    public Trace getTrace() {
        return this.trace;
    }

    public Duration getGracePeriod() {
        return this.gracePeriod;
    }

    public void setGracePeriod(Duration gracePeriod) {
        this.gracePeriod = nonNegative("namspill.grace-period", gracePeriod);
    }

    public Duration getCacheTtl() {
        return this.cacheTtl;
    }

    public void setCacheTtl(Duration cacheTtl) {
        this.cacheTtl = nonNegative("namspill.cache-ttl", cacheTtl);
    }

    public Duration getCheckInterval() {
        return this.checkInterval;
    }

    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = nonNegative("namspill.check-interval", checkInterval);
    }

    /** The {@linkplain #getIgnoredThreads() ignored threads}, compiled when they were set. */
    public List<Pattern> ignoredThreadPatterns() {
        return this.ignoredThreadPatterns;
    }

    /** The {@linkplain #getIgnoredOrigins() ignored origins}, compiled when they were set. */
    public List<Pattern> ignoredOriginPatterns() {
        return this.ignoredOriginPatterns;
    }

    private static List<Pattern> patterns(String property, List<String> regexes) {
        List<Pattern> patterns = new ArrayList<>(regexes.size());
        for (String regex : regexes) {
            try {
                patterns.add(Pattern.compile(regex));
            }
            catch (PatternSyntaxException ex) {
                throw new IllegalArgumentException(property + " contains '" + regex
                        + "', which is not a valid regular expression (java.util.regex.Pattern): "
                        + ex.getDescription() + " near index " + ex.getIndex());
            }
        }
        return Collections.unmodifiableList(patterns);
    }

    /** The origin trace: which call moved a spilled thread, from which code. */
    public static class Trace {

        /**
         * Whether to start the origin trace of setns/unshare calls at start-up, for the rest of
         * the JVM's life (a seccomp filter that cannot be removed). Where it cannot run, start-up
         * goes on and the endpoint says why.
         */
        private boolean enabled;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    private static Duration nonNegative(String property, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(property + " must be a duration of zero or more (such as 0s, 500ms or 30s), was "
                    + value);
        }
        return value;
    }
}
