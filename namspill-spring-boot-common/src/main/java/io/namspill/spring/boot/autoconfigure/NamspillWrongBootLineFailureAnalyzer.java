package io.namspill.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link NamspillWrongBootLineException}: which starter is on the classpath, which
 * Spring Boot runs, and which starter to use instead.
 */
class NamspillWrongBootLineFailureAnalyzer extends AbstractFailureAnalyzer<NamspillWrongBootLineException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NamspillWrongBootLineException cause) {
        return new FailureAnalysis(
                "The namspill starter on the classpath, io.namspill:" + cause.builtFor().starter()
                        + ", is built for Spring Boot " + cause.builtFor().versions() + ", but this application runs Spring Boot "
                        + cause.runningVersion() + ". Its health contributor and metrics would be missing.",
                "Replace the dependency io.namspill:" + cause.builtFor().starter() + " with io.namspill:"
                        + cause.running().starter() + " (the same starter for Spring Boot " + cause.running().versions()
                        + ": the same properties, health, endpoint and metrics).",
                cause);
    }
}
