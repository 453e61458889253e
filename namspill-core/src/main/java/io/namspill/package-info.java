/**
 * namspill's core: read the namespaces of every task of the JVM, judge them, and switch safely.
 *
 * <h2>Reading (plain data)</h2>
 * {@link io.namspill.Namspill#tasks()} and {@link io.namspill.TaskScanner} give an immutable
 * {@link io.namspill.TaskSnapshot} of {@link io.namspill.Task}s. Internals: {@code TaskTree}
 * with its two readers, {@code NativeTaskTree} (descriptors and direct system calls, with
 * {@code ScanHelper} as a second reading thread) and {@code NioTaskTree} (by path; fixture trees),
 * plus the parsers {@code StatLine} and {@code NamespaceLinkText}.
 *
 * <h2>Judging (pure)</h2>
 * {@link io.namspill.SpillReport} with {@link io.namspill.SpillOptions}: the reference, per type a
 * {@link io.namspill.TypeSummary}, the {@link io.namspill.SpilledTask}s, and the text rendering
 * ({@code ReportText}). Java threads are named through {@link io.namspill.jvm}.
 *
 * <h2>Switching (prevention)</h2>
 * {@link io.namspill.Namespaces} and {@link io.namspill.NamespaceSwitch} switch, run and switch
 * back; {@link io.namspill.NamespaceSwitchException} and {@link io.namspill.PoisonedThreadError}
 * are their failures; {@link io.namspill.ReferenceThreadFactory} gives pools threads that start
 * out in the reference namespaces. {@code SwitchRegistry} is what makes a task inside a switch
 * <em>switched</em>, not leaked, in a snapshot.
 *
 * <p>Production integrations read {@link io.namspill.monitor.NamespaceMonitor}: one shared,
 * cached scan with grace-period leak tracking.
 */
package io.namspill;
