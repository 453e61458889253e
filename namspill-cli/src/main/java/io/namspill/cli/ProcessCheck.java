package io.namspill.cli;

import io.namspill.jvm.ThreadCorrelator;
import io.namspill.report.SpillOptions;
import io.namspill.report.SpillReport;
import io.namspill.snapshot.TaskScanner;
import io.namspill.snapshot.TaskSnapshot;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * One process read from outside and judged: its report, its command and, where its Java threads
 * were to be named, how that went.
 *
 * @param javaThreads the naming of its Java threads; null where nobody was to be asked ({@code ps})
 */
record ProcessCheck(long pid, String command, SpillReport report, @Nullable RemoteJvmThreads javaThreads) {

    /**
     * The readers a large process's scan is split over, a thread per further processor (none for
     * a process of few tasks): a person waits for the command's wall time, and it ends right after.
     */
    private static final Executor READERS = job -> {
        Thread reader = new Thread(job, "namspill-reader");
        reader.setDaemon(true);
        reader.start();
    };

    /**
     * Reads and judges process {@code pid}.
     *
     * @param nameJavaThreads whether to ask a JVM to name the threads of its spilled tasks
     */
    static ProcessCheck of(long pid, boolean nameJavaThreads) {
        String command = ProcessInfo.read(TaskScanner.DEFAULT_PROCFS, pid).map(ProcessInfo::command).orElse("");
        return of(pid, command, nameJavaThreads);
    }

    /** Reads and judges process {@code pid}, whose command the caller read already. */
    static ProcessCheck of(long pid, String command, boolean nameJavaThreads) {
        TaskSnapshot snapshot = TaskScanner.ofProcess(pid).readingOn(READERS).scan();
        RemoteJvmThreads javaThreads = nameJavaThreads ? new RemoteJvmThreads(TaskScanner.DEFAULT_PROCFS, pid) : null;
        SpillReport report = SpillReport.of(snapshot,
                SpillOptions.defaults().withCorrelator(javaThreads == null ? ThreadCorrelator.none() : javaThreads));
        return new ProcessCheck(pid, command, report, javaThreads);
    }

    /** Whether the process could be read. */
    boolean readable() {
        return report.isSupported();
    }

    /** Whether it could not be read because it ended before or while it was read: {@code ps} skips it silently. */
    boolean gone() {
        return !readable() && ProcessInfo.read(TaskScanner.DEFAULT_PROCFS, pid).map(ProcessInfo::ended).orElse(true);
    }

    /** Why it could not be read, naming the pid and the errno; empty where it was read. */
    Optional<String> reason() {
        return report.snapshot().unsupportedReason().map(reason -> reason.contains("EACCES")
                ? reason + " (reading another user's process needs the same user or CAP_SYS_PTRACE)" : reason);
    }

    /** The spilled tasks outside a switch: for another process, every spilled task. */
    int spilledTasks() {
        return report.strayTasks().size();
    }

    /** The types in which at least one task differs from the leader, in name order. */
    Set<String> differingTypes() {
        Set<String> types = new TreeSet<>();
        report.strayTasks().forEach(task -> types.addAll(task.differences().keySet()));
        return types;
    }

    /**
     * Whether most tasks differ from the leader: then the leader itself may be the one that moved
     * (a Go program whose initial thread unshared, for example), not the others.
     */
    boolean leaderMayHaveMoved() {
        return spilledTasks() * 2 > report.snapshot().tasks().size();
    }

    /** The status this process gives the command: 0 uniform, 1 spilled, 2 unreadable. */
    int exitStatus() {
        return !readable() ? NamspillCli.UNREADABLE : report.isUniform() ? 0 : 1;
    }

    /** The lines a report adds below {@link SpillReport#render()} where something spilled. */
    Optional<String> notes() {
        if (report.isUniform() || !readable()) {
            return Optional.empty();
        }
        StringBuilder notes = new StringBuilder("command: ").append(command);
        if (javaThreads != null) {
            javaThreads.outcome().ifPresent(outcome -> notes.append('\n').append(outcome));
        }
        if (leaderMayHaveMoved()) {
            notes.append("\nnote: ").append(spilledTasks()).append(" of ").append(report.snapshot().tasks().size())
                    .append(" tasks differ from the thread-group leader (tid ").append(pid)
                    .append("): the leader itself may be the one that moved");
        }
        return Optional.of(notes.toString());
    }
}
