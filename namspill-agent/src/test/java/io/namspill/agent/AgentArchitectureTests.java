package io.namspill.agent;

import io.namspill.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The agent builds on the core's API alone, and its API is null-marked. */
class AgentArchitectureTests {

    @Test
    void usesNoCoreInternals() {
        ArchitectureRules.usesNoCoreInternals("io.namspill.agent..")
                .check(ArchitectureRules.productionClasses("io.namspill.agent"));
    }

    @Test
    void itsApiIsNullMarked() {
        ArchitectureRules.assertNullMarked("io.namspill.agent");
    }
}
