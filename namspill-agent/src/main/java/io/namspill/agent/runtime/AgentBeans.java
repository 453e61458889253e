package io.namspill.agent.runtime;

import io.namspill.Namspill;
import io.namspill.monitor.MonitorResult;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.report.TypeSummary;
import io.namspill.trace.TraceStatus;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/** The agent's MBeans, each answering from the monitor's shared scan; registered and unregistered together. */
final class AgentBeans {

    /** The contract's name of the agent's MBean. */
    static final String NAME = "io.namspill:type=Namspill";

    private static final String TYPE_NAME = "io.namspill:type=NamespaceType,name=";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<ObjectName> registered = new ArrayList<>();

    /** Registers the agent's MBean and one per type that {@code first} read. */
    void register(NamespaceMonitor monitor, MonitorResult first) throws JMException {
        register(new ObjectName(NAME), new StandardMBean(new Summary(monitor), NamspillMBean.class));
        for (String type : first.report().types().keySet()) {
            register(new ObjectName(TYPE_NAME + type), new StandardMBean(new TypeBean(monitor, type), NamespaceTypeMBean.class));
        }
    }

    /** Whether an MBean of that name is registered in this JVM, by anyone. */
    static boolean isRegistered() throws JMException {
        return ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(NAME));
    }

    private void register(ObjectName name, StandardMBean bean) throws JMException {
        server.registerMBean(bean, name);
        registered.add(name);
    }

    /** Unregisters every MBean this instance registered; never throws. */
    void unregister() {
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            }
            catch (JMException e) {
                // already gone: nothing to undo
            }
        }
        registered.clear();
    }

    private record Summary(NamespaceMonitor monitor) implements NamspillMBean {

        @Override
        public boolean isSupported() {
            return monitor.current().isSupported();
        }

        @Override
        public boolean isUniform() {
            return monitor.current().report().isUniform();
        }

        @Override
        public int getTasks() {
            return monitor.current().taskCount();
        }

        @Override
        public int getLeakedTasks() {
            return monitor.current().leakedTasks().size();
        }

        @Override
        public String getReport() {
            MonitorResult result = monitor.current();
            return result.unsupportedReason().orElseGet(() -> result.report().render());
        }

        @Override
        public boolean isTraceActive() {
            return Namspill.traceStatus().map(TraceStatus::active).orElse(false);
        }

        @Override
        public String enableTrace() {
            return AgentRuntime.describe(Namspill.enableTrace());
        }
    }

    private record TypeBean(NamespaceMonitor monitor, String type) implements NamespaceTypeMBean {

        @Override
        public int getLeakedTasks() {
            return monitor.current().leakedTasksByType().getOrDefault(type, 0);
        }

        @Override
        public int getNamespaces() {
            TypeSummary summary = monitor.current().report().types().get(type);
            return summary == null ? 0 : summary.namespaces().size();
        }
    }
}
