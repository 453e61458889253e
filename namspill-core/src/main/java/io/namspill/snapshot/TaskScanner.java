package io.namspill.snapshot;

import io.namspill.internal.procfs.ProcfsScan;
import io.namspill.internal.procfs.SwitchRegistry;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Reads every task of the process from procfs: {@code <procfs>/self/task/<tid>/{stat,comm,ns/*}}.
 *
 * <p>Never throws for what it finds there: a task that vanishes while it is read is skipped, a
 * link that cannot be read while its task is alive is unknown for that type, and anything that
 * makes the whole picture untrustworthy (no procfs, no namespace links, no leader, a link text
 * that is not {@code type:[inode]}) gives an {@linkplain TaskSnapshot#isSupported() unsupported}
 * snapshot with the reason.
 *
 * <h2>How {@code /proc} is read</h2>
 * Every scan reads every link of every task afresh: nothing read is kept from one scan to the
 * next. For the running system's {@code /proc} the scan goes through descriptors with direct
 * system calls ({@code NativeTaskTree}): the leader first, then per task one {@code O_PATH}
 * descriptor of its {@code ns} directory and a {@code readlinkat} per type relative to it, each
 * link compared with the leader's text in place. {@code pid}, {@code user} and {@code time},
 * which the kernel lets no thread hold apart from its leader, are taken from the leader. Only a
 * task that a report can flag (a link that failed, a type that differs) has its {@code stat}
 * read, through the same descriptor, after its links: its task name (the same bytes as
 * {@code comm}) and start time; see {@link Task#isDetailed()} and {@link #detailed()}. The
 * descriptor pins the task: a task that ends while it is read, even if its tid is reused at
 * once, is skipped, never assembled from two threads.
 * Scans of at least 256 tasks on two or more processors share the
 * reads with one helper thread, {@code namspill-scan} ({@code ScanHelper}), started once by a
 * scanning platform thread that is itself in the reference namespaces of every type. Any other
 * procfs root (a fixture tree), and a JVM where the native calls are unavailable (not 64-bit
 * Linux on x86-64 or aarch64, or JDK 24+ without {@code --enable-native-access}), is read by
 * path through NIO on the calling thread, with the same results.
 *
 * <p>Thread safety: immutable; {@link #scan()} may be called from any number of threads.
 */
public final class TaskScanner {

    /** The procfs of the running system. */
    public static final Path DEFAULT_PROCFS = Path.of("/proc");

    private final ProcfsScan scan;

    /** A scanner of the running JVM through {@code /proc}. */
    public TaskScanner() {
        this(DEFAULT_PROCFS);
    }

    /**
     * A scanner that reads {@code procfs} instead of {@code /proc}, for example a fixture tree in
     * a test: it must hold {@code self} (a link to the pid's directory) and
     * {@code <pid>/task/<tid>/{stat,comm,ns/<type>}}.
     */
    public TaskScanner(Path procfs) {
        this(ProcfsScan.of(procfs));
    }

    private TaskScanner(ProcfsScan scan) {
        this.scan = scan;
    }

    /**
     * A scanner of another process, {@code pid}, from outside: it reads
     * {@code /proc/<pid>/task/*} on the calling thread, and the reference is that process's
     * thread-group leader, as in-process. Reading another user's process needs ptrace read
     * access (the same user, or {@code CAP_SYS_PTRACE}). Where the process cannot be read (no
     * such process, one that ends while it is read, no permission, a pid that is a thread of
     * another process) the snapshot is {@linkplain TaskSnapshot#isSupported() unsupported}, its
     * reason naming the pid and the errno ({@code ENOENT}, {@code EACCES}).
     *
     * @throws IllegalArgumentException for a pid below 1 or beyond the kernel's range
     */
    public static TaskScanner ofProcess(long pid) {
        return new TaskScanner(ProcfsScan.ofProcess(pid));
    }

    /**
     * A scanner of {@code /proc} that reads every task on the calling thread, never sharing the
     * reads with the {@code namspill-scan} helper: less CPU in all, a longer scan. For a process
     * that must not gain a thread, and for comparing the two in a benchmark.
     */
    public static TaskScanner singleThreaded() {
        return new TaskScanner(new ProcfsScan(DEFAULT_PROCFS, SwitchRegistry.GLOBAL, Clock.systemUTC(), null));
    }

    /**
     * A scanner of {@code /proc} that reads the task name and start time of every task, also of
     * those attached to the leader's namespaces in every type ({@link Task#isDetailed()}): about a
     * third more CPU per scan, for callers that list or track every task by name.
     */
    public static TaskScanner detailed() {
        return new TaskScanner(ProcfsScan.detailed(DEFAULT_PROCFS));
    }

    /** The procfs root this scanner reads. */
    public Path procfs() {
        return scan.procfs();
    }

    /** Reads a fresh snapshot; never throws for what procfs holds. */
    public TaskSnapshot scan() {
        return scan.scan();
    }
}
