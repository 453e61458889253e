package io.namspill.spring.boot.autoconfigure;

/**
 * A namspill starter on the other Spring Boot line than it was built for; explained by
 * {@link NamspillWrongBootLineFailureAnalyzer}.
 */
public class NamspillWrongBootLineException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final SpringBootLine builtFor;

    private final SpringBootLine running;

    private final String runningVersion;

    NamspillWrongBootLineException(SpringBootLine builtFor, SpringBootLine running, String runningVersion) {
        super("io.namspill:" + builtFor.starter() + " is built for Spring Boot " + builtFor.versions()
                + ", but the application runs Spring Boot " + runningVersion + ": use io.namspill:" + running.starter());
        this.builtFor = builtFor;
        this.running = running;
        this.runningVersion = runningVersion;
    }

    /** The line the starter on the classpath was built for. */
    public SpringBootLine builtFor() {
        return this.builtFor;
    }

    /** The line the application runs. */
    public SpringBootLine running() {
        return this.running;
    }

    /** The Spring Boot version the application runs. */
    public String runningVersion() {
        return this.runningVersion;
    }
}
