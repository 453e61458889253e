package io.namspill.spring.boot.autoconfigure;

/**
 * A namspill starter on the other Spring Boot line than it was built for; explained by
 * {@link NamspillWrongBootLineFailureAnalyzer}.
 */
public class NamspillWrongBootLineException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String action;

    NamspillWrongBootLineException(SpringBootLine builtFor, SpringBootLine running, String runningVersion) {
        super("The namspill starter on the classpath, io.namspill:" + builtFor.starter() + ", is built for Spring Boot "
                + builtFor.versions() + ", but this application runs Spring Boot " + runningVersion
                + ". Its health contributor and metrics would be missing.");
        this.action = "Replace the dependency io.namspill:" + builtFor.starter() + " with io.namspill:" + running.starter()
                + " (the same starter for Spring Boot " + running.versions()
                + ": the same properties, health, endpoint and metrics).";
    }

    /** What to do: the starter to use instead of the one on the classpath. */
    public String action() {
        return this.action;
    }
}
