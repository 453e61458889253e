package io.namspill.test;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.namspill.testing.Privileges;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs {@link Fixture} classes with the Jupiter engine in this JVM and reads their outcome. */
final class Fixtures {

    static final String ENABLED = "namspill.test.fixture";

    private Fixtures() {
    }

    /**
     * Runs {@code fixture} with these configuration parameters ({@code key, value, key, value...});
     * they may override the defaults set here.
     */
    static EngineExecutionResults run(Class<?> fixture, String... parameters) {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put(ENABLED, "true");
        // Fixture leaks stay until @AfterAll: a short settle keeps the failing runs quick.
        configuration.put(NamspillExtension.SETTLE_PARAMETER, "200ms");
        for (int i = 0; i < parameters.length; i += 2) {
            configuration.put(parameters[i], parameters[i + 1]);
        }
        // No system properties or junit-platform.properties: each run sees only what it is given.
        return EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .configurationParameters(configuration)
                .selectors(selectClass(fixture))
                .execute();
    }

    /**
     * {@link #run}, for a fixture that creates namespaces: skips the calling test where they cannot
     * be created.
     */
    static EngineExecutionResults runCreatingNamespaces(Class<?> fixture, String... parameters) {
        Privileges.assumeCanCreateNamespaces();
        return run(fixture, parameters);
    }

    /** The failure of the test method {@code method}; fails if it did not fail. */
    static Throwable failureOf(EngineExecutionResults results, String method) {
        return finished(results, method).getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .orElseThrow(() -> new AssertionError(method + " did not fail"));
    }

    /** The status of the test method {@code method}. */
    static TestExecutionResult.Status statusOf(EngineExecutionResults results, String method) {
        return finished(results, method).getRequiredPayload(TestExecutionResult.class).getStatus();
    }

    /** The values of the report entries with {@code key} that {@code method} published. */
    static List<String> reportEntries(EngineExecutionResults results, String method, String key) {
        return results.testEvents().reportingEntryPublished().stream()
                .filter(event -> isMethod(event, method))
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(key))
                .filter(value -> value != null)
                .toList();
    }

    private static Event finished(EngineExecutionResults results, String method) {
        return results.testEvents().finished().stream()
                .filter(event -> isMethod(event, method))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no test " + method + " finished"));
    }

    private static boolean isMethod(Event event, String method) {
        return event.getTestDescriptor().getDisplayName().equals(method + "()");
    }
}
