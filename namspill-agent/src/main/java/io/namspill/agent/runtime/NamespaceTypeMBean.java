package io.namspill.agent.runtime;

/**
 * One MBean per namespace type, {@code io.namspill:type=NamespaceType,name=<type>}: what the
 * starter's metrics {@code namspill_leaked_tasks{type}} and {@code namspill_namespaces{type}}
 * give, for the Prometheus JMX exporter.
 */
public interface NamespaceTypeMBean {

    /** The leaked tasks that differ from the reference in this type. */
    int getLeakedTasks();

    /** The distinct namespaces of this type among the tasks. */
    int getNamespaces();
}
