package io.namspill.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.Namspill;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.testing.IdlePool;
import io.namspill.testing.Privileges;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * A leak through the FFM API (final in JDK 22): a downcall of {@code unshare} hides its stub frames
 * from {@code getStackTrace()}, and the trace still finds the caller by its CPU time. The bytecode
 * baseline is 17, so the downcall handle is built reflectively (no JDK 22 class at compile time)
 * and invoked as a plain {@link MethodHandle}.
 */
@Tag("origin-trace")
@EnabledForJreRange(min = JRE.JAVA_22)
class FfmOriginTraceTests {

    private static MethodHandle unshare;

    @BeforeAll
    static void enableTrace() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        assertThat(Namspill.enableTrace().active()).isTrue();
        unshare = downcall("unshare");
    }

    @Test
    void aPoolTaskThatUnsharesThroughTheFfmApiIsTracedToTheLeakingMethod() throws Exception {
        try (IdlePool pool = new IdlePool("origin-ffm")) {
            int result = pool.run(FfmOriginTraceTests::leakThroughFfm);

            assertThat(result).isZero();
            Origin origin = pool.strayWorker().origin().orElseThrow();
            assertThat(origin.call()).isEqualTo("unshare(uts)");
            assertThat(origin.stackTrace()).anyMatch(frame -> frame.startsWith(
                    FfmOriginTraceTests.class.getName() + ".leakThroughFfm(FfmOriginTraceTests.java:"));
        }
    }

    private static int leakThroughFfm() throws Exception {
        try {
            return (int) unshare.invoke(LinuxAbi.CLONE_NEWUTS);
        }
        catch (Exception | Error e) {
            throw e;
        }
        catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code Linker.nativeLinker().downcallHandle(defaultLookup().find(name), FunctionDescriptor.of(JAVA_INT, JAVA_INT))}. */
    private static MethodHandle downcall(String name) throws ReflectiveOperationException {
        Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
        Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
        Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
        Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
        Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
        Object linker = linkerType.getMethod("nativeLinker").invoke(null);
        Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
        Object symbol = ((Optional<?>) lookupType.getMethod("find", String.class).invoke(lookup, name)).orElseThrow();
        Object javaInt = Class.forName("java.lang.foreign.ValueLayout").getField("JAVA_INT").get(null);
        Object arguments = Array.newInstance(layoutType, 1);
        Array.set(arguments, 0, javaInt);
        Object descriptor = descriptorType.getMethod("of", layoutType, arguments.getClass()).invoke(null, javaInt, arguments);
        return (MethodHandle) linkerType.getMethod("downcallHandle", segmentType, descriptorType, optionType.arrayType())
                .invoke(linker, symbol, descriptor, Array.newInstance(optionType, 0));
    }
}
