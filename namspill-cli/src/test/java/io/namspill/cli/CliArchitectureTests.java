package io.namspill.cli;

import io.namspill.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The command line builds on the core's API alone, and its package is null-marked. */
class CliArchitectureTests {

    @Test
    void usesNoCoreInternals() {
        ArchitectureRules.usesNoCoreInternals("io.namspill.cli..")
                .check(ArchitectureRules.productionClasses("io.namspill.cli"));
    }

    @Test
    void itsPackageIsNullMarked() {
        ArchitectureRules.assertNullMarked("io.namspill.cli");
    }
}
