package io.namspill.testing;

import java.lang.reflect.Method;

/**
 * Starts virtual threads without JDK 21 API at compile time (the bytecode baseline is 17): for
 * tests that run only on JDK 21+ ({@code @EnabledForJreRange(min = JRE.JAVA_21)}).
 */
public final class VirtualThreads {

    private VirtualThreads() {
    }

    /** {@code Thread.ofVirtual().name(name).start(task)}. */
    public static Thread start(String name, Runnable task) {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class).invoke(builder, name);
            return (Thread) builderType.getMethod("start", Runnable.class).invoke(builder, task);
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need JDK 21+, this is " + Runtime.version(), e);
        }
    }

    /** {@code thread.isVirtual()}; false before JDK 21. */
    public static boolean isVirtual(Thread thread) {
        try {
            Method isVirtual = Thread.class.getMethod("isVirtual");
            return (boolean) isVirtual.invoke(thread);
        }
        catch (NoSuchMethodException e) {
            return false;
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
