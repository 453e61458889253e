package example.namspill.demo;

import io.namspill.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The demo uses namspill as any application would: through its API packages. */
class DemoArchitectureTests {

    @Test
    void usesNoCoreInternals() {
        ArchitectureRules.usesNoCoreInternals("example.namspill..")
                .check(ArchitectureRules.productionClasses("example.namspill"));
    }
}
