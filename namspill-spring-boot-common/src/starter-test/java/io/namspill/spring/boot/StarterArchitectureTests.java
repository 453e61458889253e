package io.namspill.spring.boot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.namspill.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The starter's layout, as Spring Boot lays out its own: API classes (health indicator, endpoint)
 * apart from the auto-configurations that create them, and the core reached through its API.
 * Checked on each line's classes together with namspill-spring-boot-common's.
 */
class StarterArchitectureTests {

    private static final JavaClasses STARTER = ArchitectureRules.productionClasses("io.namspill.spring");

    /** Both lines' auto-configurations: the shared ones and each starter's own. */
    private static final String[] AUTO_CONFIGURATIONS = { "io.namspill.spring.boot.autoconfigure..",
            "io.namspill.spring.boot3.autoconfigure.." };

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
        noClasses().that().resideOutsideOfPackages(AUTO_CONFIGURATIONS)
                .should().dependOnClassesThat().resideInAnyPackage(AUTO_CONFIGURATIONS)
                .because("a health indicator or endpoint can be used without the auto-configuration that makes it")
                .check(STARTER);
    }
}
