/**
 * namspill's entry points: {@link io.namspill.Namspill} reads and judges the namespaces of every
 * task of this JVM, and {@link io.namspill.Namespaces} switches a thread into other namespaces and
 * back.
 *
 * <p>The API packages beside this one, by concern:
 * <ul>
 * <li>{@link io.namspill.snapshot}: reading: plain, immutable values of what procfs holds.</li>
 * <li>{@link io.namspill.report}: judging a snapshot: the reference, the census, the spilled tasks.</li>
 * <li>{@link io.namspill.switching}: switching safely, and its failures.</li>
 * <li>{@link io.namspill.jvm}: naming the Java thread behind a task.</li>
 * <li>{@link io.namspill.monitor}: the shared, cached scan with leak tracking that production
 * integrations read.</li>
 * </ul>
 * Everything under {@code io.namspill.internal} is not API: it may change in any release, and no
 * other module of namspill uses it (a test checks that).
 */
@NullMarked
package io.namspill;

import org.jspecify.annotations.NullMarked;
