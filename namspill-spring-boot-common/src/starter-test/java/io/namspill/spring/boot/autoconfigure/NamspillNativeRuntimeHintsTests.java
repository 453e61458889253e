package io.namspill.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import io.namspill.Namspill;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The hints a native image needs for namspill-core's JNA calls, shipped through
 * {@code META-INF/spring/aot.factories} (so they apply whichever beans the conditions keep).
 */
class NamspillNativeRuntimeHintsTests {

    private final RuntimeHints hints = registered();

    @Test
    void aotFactoriesRegistersTheNativeHints() {
        assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
                .load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(NamspillNativeRuntimeHints.class);
    }

    @Test
    void theDirectMappedClassesAreReachableForJniAndReflection() {
        for (String name : NamspillNativeRuntimeHints.DIRECT_MAPPED) {
            TypeReference type = TypeReference.of(name);
            assertThat(RuntimeHintsPredicates.reflection().onType(type)
                    .withMemberCategories(MemberCategory.INVOKE_DECLARED_METHODS)).as(name).accepts(this.hints);
            assertThat(this.hints.jni().getTypeHint(type)).as(name).isNotNull();
        }
    }

    @Test
    void theHintsNameEveryJnaBindingInNamspillCore() {
        // A binding added to namspill-core without a hint would work on the JVM and fail only in a
        // native image: derive both lists from the bytecode of namspill-core's jar instead.
        JavaClasses core = new ClassFileImporter().importLocations(Set.of(Location.of(
                Namspill.class.getProtectionDomain().getCodeSource().getLocation())));
        Set<String> directMapped = core.stream()
                .filter(type -> type.getMethodCallsFromSelf().stream()
                        .anyMatch(call -> call.getTargetOwner().isEquivalentTo(Native.class) && call.getName().equals("register")))
                .map(JavaClass::getName)
                .collect(Collectors.toSet());
        Set<String> interfaceMapped = core.stream()
                .filter(type -> type.isInterface() && type.isAssignableTo(Library.class))
                .map(JavaClass::getName)
                .collect(Collectors.toSet());
        assertThat(directMapped).as("classes calling Native.register")
                .containsExactlyInAnyOrderElementsOf(NamspillNativeRuntimeHints.DIRECT_MAPPED);
        assertThat(interfaceMapped).as("interfaces extending com.sun.jna.Library")
                .containsExactly(NamspillNativeRuntimeHints.INTERFACE_MAPPED);
    }

    @Test
    void theInterfaceMappedLibraryHasItsJdkProxy() {
        assertThat(RuntimeHintsPredicates.proxies().forInterfaces(TypeReference.of(NamspillNativeRuntimeHints.INTERFACE_MAPPED)))
                .accepts(this.hints);
    }

    @Test
    void jnaItselfGetsItsJniTypesAndDispatchLibrary() {
        for (String type : List.of("com.sun.jna.Native", "com.sun.jna.Pointer", "com.sun.jna.Structure",
                "com.sun.jna.Native$ffi_callback", "com.sun.jna.LastErrorException")) {
            assertThat(this.hints.jni().getTypeHint(TypeReference.of(type))).as(type).isNotNull();
        }
        assertThat(RuntimeHintsPredicates.resource().forResource("com/sun/jna/linux-x86-64/libjnidispatch.so"))
                .accepts(this.hints);
        assertThat(RuntimeHintsPredicates.resource().forResource("com/sun/jna/linux-aarch64/libjnidispatch.so"))
                .accepts(this.hints);
    }

    @Test
    void everyNamedClassAndTheDispatchLibraryExist() {
        // The names are strings (namspill-core's classes are internal): a rename must fail here.
        List<String> missing = new ArrayList<>();
        List<String> names = new ArrayList<>(NamspillNativeRuntimeHints.JNA_JNI_TYPES);
        names.addAll(NamspillNativeRuntimeHints.DIRECT_MAPPED);
        names.add(NamspillNativeRuntimeHints.INTERFACE_MAPPED);
        for (String name : names) {
            try {
                Class.forName(name, false, getClass().getClassLoader());
            }
            catch (ClassNotFoundException ex) {
                missing.add(name);
            }
        }
        assertThat(missing).isEmpty();
        assertThat(getClass().getClassLoader().getResource("com/sun/jna/linux-x86-64/libjnidispatch.so")).isNotNull();
    }

    private static RuntimeHints registered() {
        RuntimeHints hints = new RuntimeHints();
        new NamspillNativeRuntimeHints().registerHints(hints, NamspillNativeRuntimeHintsTests.class.getClassLoader());
        return hints;
    }
}
