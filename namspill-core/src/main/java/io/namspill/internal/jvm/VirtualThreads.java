package io.namspill.internal.jvm;

import java.lang.reflect.Method;

/**
 * Whether a thread is virtual (JDK 21+), asked reflectively because the bytecode baseline is 17.
 * Internal: not part of namspill's API.
 */
public final class VirtualThreads {

    private static final Method IS_VIRTUAL = isVirtualMethod();

    private VirtualThreads() {
    }

    /** Whether {@code thread} is virtual; always false before JDK 21. */
    public static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invoke(thread);
        }
        catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static Method isVirtualMethod() {
        try {
            return Thread.class.getMethod("isVirtual");
        }
        catch (NoSuchMethodException e) {
            return null;
        }
    }
}
