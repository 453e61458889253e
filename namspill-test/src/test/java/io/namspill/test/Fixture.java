package io.namspill.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that only {@link Fixtures#run} executes, through JUnit's EngineTestKit, so
 * that the enclosing test can check its outcome. Surefire skips nested classes anyway; this also
 * keeps an IDE that runs a whole package from running (and failing) the leaky fixtures.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(Fixture.OnlyInEngineTestKit.class)
@interface Fixture {

    final class OnlyInEngineTestKit implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(Fixtures.ENABLED).map(Boolean::parseBoolean).orElse(false)
                    ? ConditionEvaluationResult.enabled("run by its enclosing test")
                    : ConditionEvaluationResult.disabled("a fixture: its enclosing test runs it through EngineTestKit");
        }
    }
}
