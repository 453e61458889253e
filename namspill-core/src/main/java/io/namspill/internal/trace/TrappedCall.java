package io.namspill.internal.trace;

import io.namspill.trace.Origin;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One traced {@code setns}/{@code unshare} of a thread of this JVM.
 *
 * @param startTime the task's start time (field 22 of its stat), so that a reused tid is not blamed
 * @param types the link names the call changes, were it to succeed
 * @param before each such type's inode right before the call ({@code -1} unknown)
 * @param target setns only: the inode of the namespace entered ({@code -1} unknown, or unshare)
 * @param stack the caller's stack, or null with {@code stackUnavailable} saying why
 */
record TrappedCall(int tid, long startTime, String syscall, List<String> types, Map<String, Long> before, long target,
        Instant time, @Nullable CapturedStack stack, @Nullable String stackUnavailable) {

    /**
     * Whether this call can be what left the task on {@code inode} for {@code type}: it changed
     * that type, and (where known) it entered exactly that namespace, or it left the one before.
     * A call that failed, or was undone since, does not match.
     */
    boolean couldHaveLeft(String type, long inode) {
        if (!types.contains(type)) {
            return false;
        }
        if (syscall.equals("setns")) {
            return target < 0 || target == inode;
        }
        long was = before.getOrDefault(type, -1L);
        return was < 0 || was != inode;
    }

    Origin origin() {
        return new Origin(syscall, types, time, Optional.ofNullable(stack).map(CapturedStack::threadName),
                stack == null ? List.of() : stack.frames(), Optional.ofNullable(stackUnavailable));
    }
}
