/**
 * The origin trace: who moved a thread out of its namespaces. {@link io.namspill.Namspill#enableTrace()}
 * starts it for the rest of the JVM's life (a seccomp filter that sends every {@code setns} and
 * {@code unshare} of the process to a supervisor thread, which notes the call and the calling
 * Java thread's stack, then lets the call run unchanged); reports then carry each spilled task's
 * {@link io.namspill.trace.Origin}.
 */
@NullMarked
package io.namspill.trace;

import org.jspecify.annotations.NullMarked;
