package io.namspill.internal.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.jvm.JavaThread;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** HotSpot prints nid in hex up to JDK 18 and in decimal (with the tid in brackets) from JDK 19. */
class ThreadDumpParserTests {

    private static final String JDK17 = """
            2026-11-29 02:45:38
            Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1 mixed mode, sharing):

            "pool-1-thread-1" #31 prio=5 os_prio=0 cpu=0.52ms elapsed=3.12s tid=0x00007f5c3c1a2800 nid=0xf76 waiting on condition  [0x00007f5c0d7fe000]
               java.lang.Thread.State: WAITING (parking)
            \tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)
            \t- parking to wait for  <0x00000000ffe1a2b8> (a java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject)
            \tat java.util.concurrent.locks.LockSupport.park(java.base@17.0.15/LockSupport.java:341)

            "Weird \\"quoted\\" name" #32 daemon prio=5 os_prio=0 cpu=0.10ms elapsed=3.00s tid=0x00007f5c3c1a3000 nid=0xf77 runnable  [0x0]
               java.lang.Thread.State: RUNNABLE

            "GC Thread#0" os_prio=0 cpu=1.02ms elapsed=3.50s tid=0x00007f5c3c02a000 nid=0xf5a runnable
            """;

    private static final String JDK25 = """
            "pool-1-thread-1" #31 [3958] prio=5 os_prio=0 cpu=0.52ms elapsed=3.12s tid=0x00007f5c3c1a2800 nid=3958 waiting on condition  [0x00007f5c0d7fe000]
               java.lang.Thread.State: TIMED_WAITING (sleeping)
            \tat java.lang.Thread.sleep0(java.base@25/Native Method)

            "ForkJoinPool-1-worker-1" #40 [3970] daemon prio=5 os_prio=0 cpu=1.00ms elapsed=2.00s tid=0x00007f5c3c1a4000 nid=3970 waiting on condition  [0x0]
               java.lang.Thread.State: WAITING (parking)
               Carrying virtual thread #41
            """;

    @Test
    void parsesHexNidOfJdk17WithStateDaemonAndFrames() {
        Map<Integer, JavaThread> threads = ThreadDumpParser.parse(JDK17, Set.of(0xf76, 0xf77, 0xf5a));

        assertThat(threads).containsOnlyKeys(0xf76, 0xf77);
        JavaThread pool = threads.get(0xf76);
        assertThat(pool.id()).isEqualTo(31);
        assertThat(pool.name()).isEqualTo("pool-1-thread-1");
        assertThat(pool.state()).isEqualTo("WAITING");
        assertThat(pool.daemon()).isFalse();
        // in StackTraceElement's form; the version of a JDK module is left out, as there
        String jdk = System.getProperty("java.version");
        assertThat(pool.stackTrace()).containsExactly(
                jdk.equals("17.0.15") ? "java.base/jdk.internal.misc.Unsafe.park(Native Method)"
                        : "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
                jdk.equals("17.0.15") ? "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)"
                        : "java.base@17.0.15/java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)");
        assertThat(threads.get(0xf77).daemon()).isTrue();
    }

    @Test
    void parsesDecimalNidOfJdk25() {
        Map<Integer, JavaThread> threads = ThreadDumpParser.parse(JDK25, Set.of(3958, 3970));

        assertThat(threads.get(3958).state()).isEqualTo("TIMED_WAITING");
        assertThat(threads.get(3970).name()).isEqualTo("ForkJoinPool-1-worker-1");
        assertThat(threads.get(3970).daemon()).isTrue();
    }

    @Test
    void aJdk25CarrierRunningAVirtualThreadIsFoundByTheTidInBracketsWhereNidIsMissing() {
        String carrier = """
                "ForkJoinPool-1-worker-2" #44 [3999] daemon prio=5 os_prio=0 cpu=2.00ms elapsed=1.00s tid=0x00007f5c3c1a5000 [0x00007f5c0d5fe000]
                   java.lang.Thread.State: RUNNABLE
                   Carrying virtual thread #45
                """;

        assertThat(ThreadDumpParser.parse(carrier, Set.of(3999))).hasEntrySatisfying(3999,
                thread -> assertThat(thread.name()).isEqualTo("ForkJoinPool-1-worker-2"));
    }

    @Test
    void framesReadLikeStackTraceElementsOfTheRunningJvm() {
        String jdk = System.getProperty("java.version");

        assertThat(ThreadDumpParser.asStackTraceElement("jdk.internal.misc.Unsafe.park(java.base@" + jdk + "/Native Method)"))
                .isEqualTo("java.base/jdk.internal.misc.Unsafe.park(Native Method)");
        assertThat(ThreadDumpParser.asStackTraceElement("com.example.Lib.run(lib@2.1/Lib.java:7)"))
                .isEqualTo("lib@2.1/com.example.Lib.run(Lib.java:7)");
        assertThat(ThreadDumpParser.asStackTraceElement("com.example.App.main(App.java:12)"))
                .isEqualTo("com.example.App.main(App.java:12)");
        // exactly what the JVM prints for a frame of a JDK module
        StackTraceElement real = Thread.currentThread().getStackTrace()[0]; // java.lang.Thread.getStackTrace
        String asDumped = real.getClassName() + "." + real.getMethodName() + "(" + real.getModuleName() + "@"
                + real.getModuleVersion() + "/" + real.getFileName() + ":" + real.getLineNumber() + ")";
        assertThat(ThreadDumpParser.asStackTraceElement(asDumped)).isEqualTo(real.toString());
    }

    @Test
    void jvmInternalThreadsAreNoJavaThreads() {
        assertThat(ThreadDumpParser.parse(JDK17, Set.of(0xf5a))).isEmpty();
    }

    @Test
    void garbageDumpsGiveNoThreadsAndNoException() {
        assertThat(ThreadDumpParser.parse("\"x\" #notanumber nid=0xzz\n\"y\" #1 nid=99999999999999\n", Set.of(1))).isEmpty();
    }

    @Test
    void aCorrelatorWhoseDumpFailsFallsBackToNoThreads() {
        HotSpotThreadCorrelator failing = new HotSpotThreadCorrelator(() -> {
            throw new SecurityException("no management access");
        });

        assertThat(failing.threadsOf(Set.of(1))).isEmpty();
        assertThat(failing.dumpCount()).isEqualTo(1);
    }
}
