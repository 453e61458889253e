package io.namspill.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.jspecify.annotations.NullMarked;

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

    /**
     * Fails unless every package of {@code packages} has a {@code package-info} annotated
     * {@code @NullMarked} (JSpecify): nothing in its API is null unless marked {@code @Nullable}.
     */
    public static void assertNullMarked(String... packages) {
        for (String name : packages) {
            Class<?> info;
            try {
                info = Class.forName(name + ".package-info");
            }
            catch (ClassNotFoundException e) {
                throw new AssertionError(name + " has no package-info.java", e);
            }
            if (!info.isAnnotationPresent(NullMarked.class)) {
                throw new AssertionError(name + " is not @NullMarked");
            }
        }
    }

    /** A module outside the core reaches the core through its API packages only. */
    public static ArchRule usesNoCoreInternals(String... modulePackages) {
        return noClasses().that().resideInAnyPackage(modulePackages)
                .should().dependOnClassesThat().resideInAPackage(INTERNAL)
                .as("classes in " + String.join(", ", modulePackages) + " use no type of " + INTERNAL)
                .because("io.namspill.internal is namspill-core's own, and changes without notice");
    }
}
