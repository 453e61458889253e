package io.namspill.spring.boot.autoconfigure;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What a GraalVM native image needs for namspill-core's JNA calls, which Spring's AOT processing
 * cannot see: JNA's own JNI entry points, namspill's direct-mapped classes (static native
 * methods), the JDK proxy behind its interface-mapped library, and JNA's dispatch library.
 * Registered in {@code META-INF/spring/aot.factories}, so it applies whichever namspill beans
 * the application's conditions keep.
 *
 * <p>The namspill classes are named, not referenced: they are internal to namspill-core (and a
 * test checks that every name still loads, and that the lists name every JNA binding in
 * namspill-core's bytecode).
 */
class NamspillNativeRuntimeHints implements RuntimeHintsRegistrar {

    /** JNA's classes that its native dispatch library calls back into through JNI. */
    static final List<String> JNA_JNI_TYPES = List.of("com.sun.jna.Native", "com.sun.jna.Native$ffi_callback",
            "com.sun.jna.Pointer", "com.sun.jna.Memory", "com.sun.jna.Structure", "com.sun.jna.Structure$FFIType",
            "com.sun.jna.Structure$FFIType$FFITypes", "com.sun.jna.NativeLong", "com.sun.jna.IntegerType",
            "com.sun.jna.PointerType", "com.sun.jna.WString", "com.sun.jna.Callback", "com.sun.jna.CallbackReference",
            "com.sun.jna.CallbackReference$AttachOptions", "com.sun.jna.LastErrorException", "com.sun.jna.NativeMapped",
            "com.sun.jna.FromNativeConverter", "com.sun.jna.ToNativeConverter", "com.sun.jna.JNIEnv",
            "com.sun.jna.Function", "com.sun.jna.Function$PostCallRead", "com.sun.jna.Klass",
            "java.lang.reflect.Method", "java.nio.Buffer", "java.lang.Boolean", "java.lang.Byte", "java.lang.Character",
            "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.lang.Void", "java.lang.String", "java.lang.Class", "java.lang.Object");

    /**
     * namspill-core's direct-mapped classes: {@code Native.register} binds their static native
     * methods (the scan's and switches' file calls, the origin trace's seccomp calls).
     */
    static final List<String> DIRECT_MAPPED = List.of("io.namspill.internal.linux.FileCalls",
            "io.namspill.internal.linux.SeccompCalls");

    /** namspill-core's interface-mapped library: {@code Native.load} makes a JDK proxy of it. */
    static final String INTERFACE_MAPPED = "io.namspill.internal.linux.Libc";

    /** JNA's dispatch library for the Linux platforms namspill runs on. */
    static final List<String> DISPATCH_LIBRARIES = List.of("com/sun/jna/linux-x86-64/libjnidispatch.so",
            "com/sun/jna/linux-aarch64/libjnidispatch.so", "com/sun/jna/linux-arm/libjnidispatch.so",
            "com/sun/jna/linux-riscv64/libjnidispatch.so", "com/sun/jna/linux-ppc64le/libjnidispatch.so",
            "com/sun/jna/linux-s390x/libjnidispatch.so");

    @Override
    @SuppressWarnings("deprecation") // DECLARED_FIELDS: the field category both Spring 6.2 and 7 know
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        MemberCategory[] everything = { MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
                MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.DECLARED_FIELDS };
        for (String type : JNA_JNI_TYPES) {
            hints.jni().registerType(TypeReference.of(type), everything);
            hints.reflection().registerType(TypeReference.of(type), everything);
        }
        for (String type : DIRECT_MAPPED) {
            hints.jni().registerType(TypeReference.of(type), everything);
            hints.reflection().registerType(TypeReference.of(type), everything);
        }
        hints.reflection().registerType(TypeReference.of(INTERFACE_MAPPED), MemberCategory.INVOKE_PUBLIC_METHODS);
        hints.proxies().registerJdkProxy(TypeReference.of(INTERFACE_MAPPED));
        DISPATCH_LIBRARIES.forEach(hints.resources()::registerPattern);
    }
}
