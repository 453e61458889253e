package io.namspill.it;

/**
 * Spring Boot's test support turns metrics export off (so {@code /actuator/prometheus} is 404);
 * these properties turn it back on, each on its line (an unknown property is ignored on the other).
 */
final class TestMetrics {

    /** Spring Boot 4 ({@code @AutoConfigureMetrics}). */
    static final String EXPORT = "spring.test.metrics.export=true";

    /** Spring Boot 3.5 ({@code @AutoConfigureObservability}). */
    static final String EXPORT_BOOT3 = "spring.test.observability.auto-configure=true";

    private TestMetrics() {
    }
}
