package io.namspill.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import io.namspill.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The command line builds on the core's API alone, its package is null-marked, and its model
 * is built without picocli's annotations (reading them costs every run's start).
 */
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

    @Test
    void buildsItsCommandsWithoutPicocliAnnotations() {
        DescribedPredicate<JavaClass> picocliAnnotations = JavaClass.Predicates.resideInAPackage("picocli..")
                .and(DescribedPredicate.describe("annotations", JavaClass::isAnnotation));
        noClasses().should().dependOnClassesThat(picocliAnnotations)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("picocli.AutoComplete$GenerateCompletion")
                .check(ArchitectureRules.productionClasses("io.namspill.cli"));
    }
}
