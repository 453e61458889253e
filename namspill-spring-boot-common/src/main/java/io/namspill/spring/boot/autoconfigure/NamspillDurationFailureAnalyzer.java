package io.namspill.spring.boot.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a {@code namspill.*} duration that Boot could not even parse ({@code soon},
 * {@code 1 s}): Boot's own analysis says the value is no duration, not which forms are. Ordered
 * before Boot's bind analyzer; every other bind failure is left to it.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class NamspillDurationFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    static final String ACCEPTED = "a duration of zero or more (such as 0s, 500ms or 30s)";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        String property = cause.getName().toString();
        if (!property.startsWith("namspill.") || !Duration.class.equals(cause.getTarget().getType().resolve())) {
            return null;
        }
        Object value = (cause.getProperty() != null) ? cause.getProperty().getValue() : null;
        String origin = (cause.getProperty() != null && cause.getProperty().getOrigin() != null)
                ? " (from " + cause.getProperty().getOrigin() + ")" : "";
        return new FailureAnalysis(
                "Failed to bind properties under '" + property + "':\n\n    Property: " + property + "\n    Value: \"" + value
                        + "\"" + origin + "\n    Reason: '" + value + "' is not a valid duration",
                "Set " + property + " to " + ACCEPTED + "; ISO-8601 such as PT30S works too.", cause);
    }
}
