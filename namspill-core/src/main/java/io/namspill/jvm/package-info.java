/**
 * Naming the Java thread behind a task: a {@link io.namspill.jvm.ThreadCorrelator} maps Linux
 * thread ids to {@link io.namspill.jvm.JavaThread}s, asked only for tasks that spilled.
 */
@NullMarked
package io.namspill.jvm;

import org.jspecify.annotations.NullMarked;
