package io.namspill.agent.runtime;

import io.namspill.Namspill;
import io.namspill.agent.NamspillAgent;
import io.namspill.monitor.MonitorOwner;
import io.namspill.monitor.MonitorResult;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.report.SpillOptions;
import io.namspill.trace.TraceStatus;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.Consumer;
import javax.management.JMException;

/**
 * What the agent runs, in its own class loader: the shared monitor (check interval, grace
 * period, ignored threads), the leak log lines, the MBeans and, on request, the origin trace.
 * One per JVM: a second load only enables the trace where asked. Where the Spring Boot starter
 * runs its own monitor, at start or later, the agent says so and backs off (one log line per leak).
 */
public final class AgentRuntime {

    private static final Logger LOG = System.getLogger(NamspillAgent.LOGGER);

    private static AgentRuntime running;

    private final NamespaceMonitor monitor;
    private final AgentBeans beans = new AgentBeans();
    private final Consumer<String> status;
    private final String statusLine;
    private volatile boolean backedOff;

    private AgentRuntime(AgentOptions options, Consumer<String> status) {
        this.status = status;
        this.statusLine = NamspillAgent.RUNNING + " (" + options.describe() + ")";
        SpillOptions spillOptions = SpillOptions.defaults().withIgnoredThreads(options.ignoredThreads());
        this.monitor = NamespaceMonitor.builder()
                .options(spillOptions)
                .gracePeriod(options.gracePeriod())
                .checkInterval(options.checkInterval())
                .listener(new SystemLoggerLeakListener(LOG, this::monitors))
                .build();
    }

    /**
     * Starts the agent with {@code text} (the {@code -javaagent} or attach options) and reports
     * how it stands to {@code status}, now and when it backs off later. Called by
     * {@link NamspillAgent} under its lock; throws on bad options (the caller logs it).
     */
    public static void start(String text, Consumer<String> status) throws JMException {
        // Bad options fail first, before the agent touches anything in the JVM (its MBean server).
        AgentOptions options = AgentOptions.parse(text);
        if (running != null || AgentBeans.isRegistered()) {
            // A later load neither stops nor restarts the agent; it may only start the trace.
            if (options.trace()) {
                String trace = describe(Namspill.enableTrace());
                if (running != null && !running.backedOff) {
                    status.accept(running.statusLine + "; " + trace);
                }
                LOG.log(Level.INFO, "namspill agent: already loaded in this JVM; " + trace);
            }
            else {
                LOG.log(Level.INFO, "namspill agent: already loaded in this JVM; this load changes nothing");
            }
            return;
        }
        String owner = MonitorOwner.current().orElse("");
        if (!owner.isEmpty()) {
            backOff(owner, status);
            return;
        }
        String trace = options.trace() ? "; trace: " + describe(Namspill.enableTrace()) : "";
        MonitorOwner.claim(MonitorOwner.AGENT);
        AgentRuntime runtime;
        try {
            runtime = new AgentRuntime(options, status);
        }
        catch (RuntimeException | Error e) {
            MonitorOwner.release(MonitorOwner.AGENT); // a later load may try again
            throw e;
        }
        try {
            MonitorResult first = runtime.monitor.current();
            runtime.beans.register(runtime.monitor, first);
            runtime.monitor.addScanListener(result -> runtime.monitors());
            running = runtime;
            String line = runtime.statusLine;
            status.accept(line);
            LOG.log(Level.INFO, "namspill agent: " + line + "; MBean " + AgentBeans.NAME
                    + (first.isSupported() ? "" : "; this platform cannot be read: " + first.unsupportedReason().orElse(""))
                    + trace);
        }
        catch (JMException | RuntimeException | Error e) {
            runtime.monitor.close();
            runtime.beans.unregister();
            MonitorOwner.release(MonitorOwner.AGENT); // a later load may try again
            throw e;
        }
    }

    /**
     * Whether this agent still monitors: false once another integration claimed the JVM (the
     * starter, started after the agent), in which case the agent stops its monitor and MBeans.
     */
    private boolean monitors() {
        if (backedOff) {
            return false;
        }
        String owner = MonitorOwner.current().orElse("");
        if (owner.equals(MonitorOwner.AGENT)) {
            return true;
        }
        backedOff = true;
        monitor.close();
        beans.unregister();
        backOff(owner, status);
        return false;
    }

    private static void backOff(String owner, Consumer<String> status) {
        String reason = "namspill's " + owner + " already monitors this JVM";
        status.accept(NamspillAgent.BACKED_OFF + reason);
        LOG.log(Level.INFO, "namspill agent: " + reason + "; the agent backs off (one monitor, one log line per leak)");
    }

    /** A trace status as one line of text. */
    static String describe(TraceStatus trace) {
        return (trace.active() ? "trace active: " : "trace inactive: ") + trace.reason();
    }
}
