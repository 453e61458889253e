package io.namspill.snapshot;

import io.namspill.internal.procfs.ProcfsScan;
import java.nio.file.Path;
import java.util.concurrent.Executor;

/**
 * Reads every task of a process from procfs: {@code <procfs>/self/task/<tid>/{stat,comm,ns/*}},
 * or {@code /proc/<pid>/task/...} for {@link #ofProcess(long) another process}.
 *
 * <p>Never throws for what it finds there: a task that vanishes while it is read is skipped, a
 * link that cannot be read while its task is alive is unknown for that type, and anything that
 * makes the whole picture untrustworthy (no procfs, no namespace links, no leader, a link text
 * that is not {@code type:[inode]}) gives an {@linkplain TaskSnapshot#isSupported() unsupported}
 * snapshot with the reason.
 *
 * <h2>How {@code /proc} is read</h2>
 * Every scan reads every link of every task afresh: nothing read is kept from one scan to the
 * next. For the running system's {@code /proc} the scan goes through a descriptor of the task
 * directory with direct system calls: the leader first, then per task a {@code readlinkat} of
 * {@code <tid>/ns/<type>} per type, each link compared with the leader's text in place.
 * {@code pid}, {@code user} and {@code time}, which the kernel lets no thread hold apart from its
 * leader, are taken from the leader. A task whose link failed or differs from the leader's is
 * read again through an {@code O_PATH} descriptor of its {@code ns} directory, which pins it:
 * its links, then, where a report can flag it, its {@code stat}: its task name (the same bytes
 * as {@code comm}) and start time; see {@link Task#isDetailed()} and {@link #detailed()}. A task
 * that ends while it is read, even if its tid is reused at once, is skipped; a task reported as
 * differing is never assembled from two threads (only a tid reused between two reads by path,
 * within microseconds, could hide a spill from one scan; the next scan sees it). The scan runs
 * on the calling thread unless the caller lends it an executor ({@link #readingOn(Executor)}). Any other procfs root (a fixture tree), and a JVM where the
 * native calls are unavailable (not 64-bit Linux on x86-64 or aarch64, or JDK 24+ without
 * {@code --enable-native-access}), is read by path through NIO on the calling thread, with the
 * same results.
 *
 * <p>Thread safety: immutable; {@link #scan()} may be called from any number of threads.
 */
public final class TaskScanner {

    /** The procfs of the running system. */
    public static final Path DEFAULT_PROCFS = ProcfsScan.PROC;

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
     * A scanner of process {@code pid} through {@code /proc/<pid>/task}, any process the caller
     * may read, Java or not; the reference is that process's thread-group leader. Only for this
     * JVM's own pid are tasks inside a switch made through {@link io.namspill.Namespaces} marked
     * {@linkplain Task#isSwitched() switched}. A process that does not exist or cannot be read
     * gives an unsupported snapshot whose reason names the path and the error, for example
     * {@code cannot read /proc/4242/task: No such file or directory (ENOENT)}.
     */
    public static TaskScanner ofProcess(long pid) {
        return new TaskScanner(ProcfsScan.ofProcess(pid));
    }

    /**
     * A scanner of {@code /proc} that reads the task name and start time of every task, also of
     * those attached to the leader's namespaces in every type ({@link Task#isDetailed()}), for
     * callers that list or track every task by name; it costs more CPU per scan.
     */
    public static TaskScanner detailed() {
        return new TaskScanner(ProcfsScan.of(DEFAULT_PROCFS).detailed());
    }

    /**
     * This scanner, splitting the task list of each scan of {@code /proc} over the calling thread
     * and jobs it hands to {@code executor} (at most one per further processor, each reading
     * chunks of tasks until none is left): a shorter scan of a large process for more CPU in
     * all. A job the executor starts after the scan ended does nothing, and one it rejects is
     * read by the others; {@link #scan()} returns once no job reads for it. A tree read by path
     * is read on the calling thread alone.
     */
    public TaskScanner readingOn(Executor executor) {
        return new TaskScanner(scan.readingOn(executor));
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
