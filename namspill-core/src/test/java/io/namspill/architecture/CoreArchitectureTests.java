package io.namspill.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.namspill.testing.ArchitectureRules;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout of {@code namspill-core}: one package per concern, API apart from internals, no
 * framework inside, and the concerns free of cycles. CONTRIBUTING.md shows the same map.
 */
class CoreArchitectureTests {

    /** The API packages, each a concern; their internals live under {@code io.namspill.internal.<concern>}. */
    static final List<String> API_PACKAGES = List.of("io.namspill", "io.namspill.snapshot", "io.namspill.report",
            "io.namspill.switching", "io.namspill.jvm", "io.namspill.monitor", "io.namspill.trace", "io.namspill.net");

    private static final JavaClasses CORE = ArchitectureRules.productionClasses("io.namspill");

    @Test
    void theCoreKnowsNoFrameworkNorTestLibrary() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.junit..",
                "org.assertj..", "org.hamcrest..", "io.micrometer..", "org.awaitility..")
                .because("namspill-core serves Spring, plain Java and test code alike")
                .check(CORE);
    }

    @Test
    void everyPackageIsAnApiPackageOrInternal() {
        Set<String> packages = CORE.stream().map(JavaClass::getPackageName).collect(Collectors.toCollection(TreeSet::new));

        assertThat(packages).allSatisfy(name -> assertThat(API_PACKAGES.contains(name) || name.startsWith("io.namspill.internal."))
                .as("%s is an API package or internal", name).isTrue());
    }

    @Test
    void everyApiPackageIsNullMarked() {
        ArchitectureRules.assertNullMarked(API_PACKAGES.toArray(String[]::new));
    }

    @Test
    void noApiSignatureExposesAnInternalType() {
        classes().that().resideOutsideOfPackage(ArchitectureRules.INTERNAL).and().arePublic()
                .should(exposeNoInternalType())
                .check(CORE);
    }

    @Test
    void theConcernsDependOnEachOtherWithoutCycles() {
        slices().assignedFrom(concerns()).should().beFreeOfCycles().check(CORE);
    }

    @Test
    void readingAndJudgingNeverSwitch() {
        noClasses().that().resideInAnyPackage("io.namspill.snapshot..", "io.namspill.report..",
                "io.namspill.internal.procfs..", "io.namspill.internal.report..")
                .should().dependOnClassesThat().resideInAnyPackage("io.namspill.switching..", "io.namspill.internal.switching..")
                .because("a scan only reads: it never moves a thread")
                .check(CORE);
    }

    /**
     * A concern is an API package with its internals: {@code io.namspill.report} and
     * {@code io.namspill.internal.report} are one. Reading is {@code snapshot} with
     * {@code internal.procfs}; the root package (entry points) and {@code internal.linux} /
     * {@code internal.text} (the bottom layer) stand alone.
     */
    private static SliceAssignment concerns() {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                String concern = name.equals("io.namspill") ? "entry points"
                        : name.replaceFirst("^io\\.namspill\\.(internal\\.)?", "").replaceFirst("\\..*", "");
                return SliceIdentifier.of(concern.equals("procfs") ? "snapshot" : concern);
            }

            @Override
            public String getDescription() {
                return "namspill-core's concerns";
            }
        };
    }

    private static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("expose no io.namspill.internal type in a public or protected signature") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                javaClass.getCodeUnits().stream()
                        .filter(unit -> unit.getModifiers().contains(JavaModifier.PUBLIC)
                                || unit.getModifiers().contains(JavaModifier.PROTECTED))
                        .forEach(unit -> signatureTypes(unit).stream()
                                .filter(type -> type.getPackageName().startsWith("io.namspill.internal"))
                                .forEach(type -> events.add(SimpleConditionEvent.violated(unit,
                                        unit.getFullName() + " exposes " + type.getName()))));
                javaClass.getFields().stream()
                        .filter(field -> field.getModifiers().contains(JavaModifier.PUBLIC))
                        .filter(field -> field.getRawType().getPackageName().startsWith("io.namspill.internal"))
                        .forEach(field -> events.add(SimpleConditionEvent.violated(field,
                                field.getFullName() + " exposes " + field.getRawType().getName())));
            }
        };
    }

    private static List<JavaClass> signatureTypes(JavaCodeUnit unit) {
        return Stream.concat(Stream.of(unit.getRawReturnType()), unit.getRawParameterTypes().stream())
                .map(type -> type.isArray() ? type.getBaseComponentType() : type)
                .toList();
    }
}
