package io.namspill.micrometer;

import io.namspill.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The binder builds on the core's API alone, and its API is null-marked. */
class MicrometerArchitectureTests {

    @Test
    void usesNoCoreInternals() {
        ArchitectureRules.usesNoCoreInternals("io.namspill.micrometer..")
                .check(ArchitectureRules.productionClasses("io.namspill.micrometer"));
    }

    @Test
    void itsApiIsNullMarked() {
        ArchitectureRules.assertNullMarked("io.namspill.micrometer");
    }
}
