package io.namspill.spring.boot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.namspill.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The starter's layout, as Spring Boot lays out its own: API classes (health indicator, endpoint)
 * apart from the auto-configurations that create them, and the core reached through its API.
 */
class StarterArchitectureTests {

    private static final JavaClasses STARTER = ArchitectureRules.productionClasses("io.namspill.spring");

    @Test
    void usesNoCoreInternals() {
        ArchitectureRules.usesNoCoreInternals("io.namspill.spring..").check(STARTER);
    }

    @Test
    void everyPackageIsNullMarked() {
        ArchitectureRules.assertNullMarked(STARTER.stream().map(c -> c.getPackageName()).distinct().toArray(String[]::new));
    }

    @Test
    void theApiClassesDoNotDependOnTheAutoConfigurations() {
        noClasses().that().resideOutsideOfPackage("io.namspill.spring.boot.autoconfigure..")
                .should().dependOnClassesThat().resideInAPackage("io.namspill.spring.boot.autoconfigure..")
                .because("a health indicator or endpoint can be used without the auto-configuration that makes it")
                .check(STARTER);
    }
}
