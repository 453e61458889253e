package io.namspill.internal.jvm;

import io.namspill.jvm.JavaThread;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Matches tids with Java threads through HotSpot's {@code Thread.print} diagnostic command,
 * whose dump gives every thread's {@code nid} (its tid). A dump stops the world, so it is taken
 * only when asked about at least one tid, once per call.
 */
public final class HotSpotThreadCorrelator extends CountingCorrelator {

    private static final HotSpotThreadCorrelator INSTANCE = new HotSpotThreadCorrelator(HotSpotThreadCorrelator::threadPrint);

    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

    private final Supplier<String> dumper;

    /** A correlator that reads its dumps from {@code dumper} (null or a throw means: no dump). */
    public HotSpotThreadCorrelator(Supplier<String> dumper) {
        this.dumper = dumper;
    }

    /** The correlator of the running JVM, shared so that {@link #dumpCount()} counts every dump. */
    public static HotSpotThreadCorrelator instance() {
        return INSTANCE;
    }

    @Override
    Map<Integer, JavaThread> name(Collection<Integer> tids) {
        String dump;
        try {
            dump = dumper.get();
        }
        catch (RuntimeException | LinkageError e) {
            return Map.of(); // another JVM, or a restricted one: tid and task name must do
        }
        if (dump == null) {
            return Map.of();
        }
        Set<Integer> wanted = new HashSet<>(tids);
        return ThreadDumpParser.parse(dump, wanted);
    }

    /** How many thread dumps this correlator has taken since the JVM started. */
    public long dumpCount() {
        return askedCount();
    }

    /** HotSpot's {@code Thread.print} through the DiagnosticCommand MBean; null where it cannot be had. */
    public static String threadPrint() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Object result = server.invoke(new ObjectName(DIAGNOSTIC_COMMAND), "threadPrint",
                    new Object[] { new String[0] }, new String[] { String[].class.getName() });
            return result instanceof String text ? text : null;
        }
        catch (Exception e) {
            return null;
        }
    }
}
