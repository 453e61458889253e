package io.namspill.internal.procfs;

import io.namspill.snapshot.Task;
import io.namspill.snapshot.TaskSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the readers make snapshot values whose constructors are not API: {@link Task} and
 * {@link TaskSnapshot} install the one implementation when their class is initialised (the JDK's
 * "shared secrets" idiom), so that users see plain immutable values and readers pay for no copy.
 * Internal: not part of namspill's API.
 */
public abstract class SnapshotAccess {

    private static volatile SnapshotAccess installed;

    /** Called once, by {@link TaskSnapshot}'s static initialiser; later calls are ignored. */
    public static void install(SnapshotAccess access) {
        if (installed == null) {
            installed = Objects.requireNonNull(access, "access");
        }
    }

    static SnapshotAccess get() {
        SnapshotAccess access = installed;
        if (access == null) {
            try {
                // Initialising the class installs the implementation.
                Class.forName(TaskSnapshot.class.getName(), true, TaskSnapshot.class.getClassLoader());
            }
            catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            access = installed;
        }
        return access;
    }

    /**
     * A task whose {@code inodes} (index = index in {@code types}, 0 = unknown) are shared, never
     * changed; {@code startTime} -1 and {@code name} null where not read; {@code detailed}: its
     * name and start time were read.
     */
    public abstract Task task(int tid, long startTime, boolean leader, @Nullable String name, List<String> types,
            long[] inodes, boolean switched, boolean detailed);

    /**
     * A supported snapshot of {@code tasks} (in tid order, no null), one of which is the leader;
     * the snapshot keeps the array itself, so the caller must not touch it afterwards.
     */
    public abstract TaskSnapshot snapshot(long pid, List<String> types, Task[] tasks, Instant takenAt,
            boolean currentProcess);
}
