package io.namspill.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
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
import io.namspill.jvm.ThreadCorrelator;
import io.namspill.snapshot.TaskScanner;
import io.namspill.snapshot.TaskSnapshot;
import io.namspill.testing.ArchitectureRules;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout of {@code namspill-core}: one package per concern, its machinery package-private
 * beside its API, {@code io.namspill.internal.*} only for what two or more API packages share, no
 * framework inside, and no package cycle but the two facades. CONTRIBUTING.md shows the same map.
 */
class CoreArchitectureTests {

    /** The API packages, each a concern, with its own machinery package-private beside its API. */
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
    void everyInternalPackageServesTwoOrMoreApiPackages() {
        Map<String, Set<String>> users = internalPackageUsers();

        assertThat(users).isNotEmpty().allSatisfy((internal, apiUsers) -> assertThat(apiUsers)
                .as("the API packages %s serves, directly or through another internal package; one alone"
                        + " keeps it package-private beside its API", internal)
                .hasSizeGreaterThanOrEqualTo(2));
    }

    @Test
    void noInternalPackageHoldsASingleClass() {
        Map<String, Long> classes = CORE.stream()
                .filter(c -> c.getPackageName().startsWith("io.namspill.internal.") && c.isTopLevelClass())
                .filter(c -> !c.getSimpleName().equals("package-info"))
                .collect(Collectors.groupingBy(JavaClass::getPackageName, TreeMap::new, Collectors.counting()));

        assertThat(classes).allSatisfy((name, count) -> assertThat(count).as("classes of %s", name).isGreaterThan(1));
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

    /**
     * Packages, internal ones included, depend on each other without cycles, but for the two
     * facades: {@code ThreadCorrelator.forCurrentJvm()} makes the correlator {@code internal.jvm}
     * implements, and {@code TaskScanner} / {@code TaskSnapshot} hand the procfs readers their
     * work and the way to make snapshot values ({@code SnapshotAccess}).
     */
    @Test
    void noPackageCycleButTheTwoFacades() {
        slices().assignedFrom(packages()).should().beFreeOfCycles()
                .ignoreDependency(belongToAnyOf(ThreadCorrelator.class), resideInAPackage("io.namspill.internal.jvm"))
                .ignoreDependency(belongToAnyOf(TaskScanner.class, TaskSnapshot.class),
                        resideInAPackage("io.namspill.internal.procfs"))
                .check(CORE);
    }

    @Test
    void readingAndJudgingNeverSwitch() {
        noClasses().that().resideInAnyPackage("io.namspill.snapshot..", "io.namspill.report..",
                "io.namspill.internal.procfs..")
                .should().dependOnClassesThat().resideInAnyPackage("io.namspill.switching..")
                .because("a scan only reads: it never moves a thread")
                .check(CORE);
    }

    /** For each internal package, the API packages that use it directly or through other internal packages. */
    private static Map<String, Set<String>> internalPackageUsers() {
        Map<String, Set<String>> direct = new TreeMap<>();
        CORE.stream().flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                .filter(d -> isInternal(d.getTargetClass().getPackageName()))
                .filter(d -> !d.getOriginClass().getPackageName().equals(d.getTargetClass().getPackageName()))
                .forEach(d -> direct.computeIfAbsent(d.getTargetClass().getPackageName(), k -> new TreeSet<>())
                        .add(d.getOriginClass().getPackageName()));
        Map<String, Set<String>> users = new TreeMap<>();
        direct.keySet().forEach(internal -> users.put(internal, apiUsers(internal, direct, new TreeSet<>())));
        return users;
    }

    private static Set<String> apiUsers(String internal, Map<String, Set<String>> direct, Set<String> visited) {
        Set<String> api = new TreeSet<>();
        if (visited.add(internal)) {
            for (String user : direct.getOrDefault(internal, Set.of())) {
                if (isInternal(user)) {
                    api.addAll(apiUsers(user, direct, visited));
                }
                else {
                    api.add(user);
                }
            }
        }
        return api;
    }

    private static boolean isInternal(String packageName) {
        return packageName.startsWith("io.namspill.internal.");
    }

    /** Every package a slice of its own. */
    private static SliceAssignment packages() {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                return SliceIdentifier.of(javaClass.getPackageName());
            }

            @Override
            public String getDescription() {
                return "namspill-core's packages";
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
