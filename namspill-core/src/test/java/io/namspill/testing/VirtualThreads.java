package io.namspill.testing;

import io.namspill.internal.linux.LinuxAbi;
import io.namspill.internal.linux.LinuxNative;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

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

    /**
     * Runs virtual threads until one lands on carrier {@code tid} (a blocked or ended virtual
     * thread cannot choose its carrier) and switches that carrier back to the leader's uts
     * namespace, so that later tests find every carrier home. Returns the uts namespace the
     * virtual thread found the carrier in, or -1 where none had to switch it back.
     */
    public static long switchCarrierBack(int tid) throws InterruptedException {
        Path carrierUts = Path.of("/proc/self/task/" + tid + "/ns/uts");
        AtomicLong found = new AtomicLong(-1);
        for (int attempt = 0; attempt < 100_000 && Files.exists(carrierUts)
                && NamespaceLinks.inode(carrierUts) != NamespaceLinks.ofLeader("uts"); attempt++) {
            VirtualThreads.start("switch-carrier-back", () -> {
                if (LinuxNative.gettid() == tid) {
                    found.set(NamespaceLinks.ofCurrentThread("uts"));
                    int leader = LinuxNative.openReadOnly("/proc/self/ns/uts");
                    try {
                        LinuxNative.setns(leader, LinuxAbi.CLONE_NEWUTS, "the leader's uts namespace");
                    }
                    finally {
                        LinuxNative.closeQuietly(leader);
                    }
                }
            }).join();
        }
        return found.get();
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
