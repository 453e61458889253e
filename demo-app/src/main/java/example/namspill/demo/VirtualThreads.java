package example.namspill.demo;

import java.lang.reflect.Method;
import java.util.Optional;

/** Starts a virtual thread where the JDK has them (21+), without compiling against JDK 21. */
final class VirtualThreads {

    private VirtualThreads() {
    }

    /** {@code thread.isVirtual()}; false on a JDK without virtual threads. */
    static boolean isVirtual(Thread thread) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        }
        catch (NoSuchMethodException e) {
            return false;
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot ask whether a thread is virtual", e);
        }
    }

    /** A started virtual thread running {@code task}; empty on a JDK without virtual threads. */
    static Optional<Thread> start(Runnable task) {
        try {
            Method startVirtualThread = Thread.class.getMethod("startVirtualThread", Runnable.class);
            return Optional.of((Thread) startVirtualThread.invoke(null, task));
        }
        catch (NoSuchMethodException e) {
            return Optional.empty();
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start a virtual thread", e);
        }
    }
}
