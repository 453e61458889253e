/**
 * How the origin trace works: the seccomp filter ({@link io.namspill.internal.trace.SeccompFilter}),
 * the supervisor thread that answers every trapped {@code setns}/{@code unshare}
 * ({@link io.namspill.internal.trace.TraceSupervisor}), the bounded capture of the caller's stack
 * and the calls namspill announces itself. Internal: not part of namspill's API.
 */
@NullMarked
package io.namspill.internal.trace;

import org.jspecify.annotations.NullMarked;
