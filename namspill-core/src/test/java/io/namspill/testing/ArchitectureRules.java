package io.namspill.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layout rules every module of namspill keeps, for its own architecture test: what is under
 * {@code io.namspill.internal} belongs to {@code namspill-core} alone.
 */
public final class ArchitectureRules {

    /** Where the core's internals live; not API, free to change in any release. */
    public static final String INTERNAL = "io.namspill.internal..";

    private ArchitectureRules() {
    }

    /** The production classes (no tests) of {@code packages}, as the module's class path has them. */
    public static JavaClasses productionClasses(String... packages) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packages);
    }

    /** A module outside the core reaches the core through its API packages only. */
    public static ArchRule usesNoCoreInternals(String... modulePackages) {
        return noClasses().that().resideInAnyPackage(modulePackages)
                .should().dependOnClassesThat().resideInAPackage(INTERNAL)
                .as("classes in " + String.join(", ", modulePackages) + " use no type of " + INTERNAL)
                .because("io.namspill.internal is namspill-core's own, and changes without notice");
    }
}
