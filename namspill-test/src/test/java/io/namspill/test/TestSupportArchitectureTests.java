package io.namspill.test;

import io.namspill.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** namspill-test builds on the core's API alone. */
class TestSupportArchitectureTests {

    @Test
    void usesNoCoreInternals() {
        ArchitectureRules.usesNoCoreInternals("io.namspill.test..")
                .check(ArchitectureRules.productionClasses("io.namspill.test"));
    }

    @Test
    void itsApiIsNullMarked() {
        ArchitectureRules.assertNullMarked("io.namspill.test");
    }
}
