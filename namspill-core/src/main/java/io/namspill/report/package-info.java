/**
 * Judging a snapshot: {@link io.namspill.report.SpillReport} finds the reference (the thread-group
 * leader's namespaces), counts the tasks per namespace of every type, and lists the spilled tasks
 * with only the types that differ, naming their Java threads. {@link io.namspill.report.SpillOptions}
 * chooses the counted types and the ignored threads.
 */
@NullMarked
package io.namspill.report;

import org.jspecify.annotations.NullMarked;
