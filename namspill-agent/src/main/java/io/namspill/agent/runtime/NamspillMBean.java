package io.namspill.agent.runtime;

/** The agent's MBean {@code io.namspill:type=Namspill}: the JVM's namespaces as the monitor last judged them. */
public interface NamspillMBean {

    /** Whether this JVM's tasks can be read (Linux, a per-task procfs). */
    boolean isSupported();

    /** Whether every task is in the reference namespaces. */
    boolean isUniform();

    /** The number of tasks (Linux threads) of the process. */
    int getTasks();

    /** The tasks that leaked: spilled outside a switch, not ignored, for at least the grace period. */
    int getLeakedTasks();

    /** The report as {@code SpillReport.render()} writes it, or why the platform cannot be read. */
    String getReport();

    /** Whether the origin trace of {@code setns}/{@code unshare} runs. */
    boolean isTraceActive();

    /** Starts the origin trace (idempotent); returns its status as text. */
    String enableTrace();
}
