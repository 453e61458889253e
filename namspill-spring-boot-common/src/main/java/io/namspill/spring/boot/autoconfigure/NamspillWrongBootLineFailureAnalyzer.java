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
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
