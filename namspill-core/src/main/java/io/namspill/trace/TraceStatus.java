package io.namspill.trace;

import java.util.Objects;

/**
 * What {@link io.namspill.Namspill#enableTrace()} achieved: the origin trace runs, or why not.
 *
 * @param active whether every {@code setns} and {@code unshare} of the process is traced from now on
 * @param reason why the trace does not run (no seccomp user notification, a container profile
 *        that refuses filters, not Linux, no native access, ...); what it runs with otherwise
 */
public record TraceStatus(boolean active, String reason) {

    public TraceStatus {
        Objects.requireNonNull(reason, "reason");
    }
}
