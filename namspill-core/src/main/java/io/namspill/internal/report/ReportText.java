package io.namspill.internal.report;

import io.namspill.Namespaces;
import io.namspill.jvm.JavaThread;
import io.namspill.report.SpillReport;
import io.namspill.report.SpilledTask;
import io.namspill.snapshot.Task;
import io.namspill.snapshot.TaskSnapshot;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The text rendering of a report, shared by test failures and log lines. */
public final class ReportText {

    /** Enough frames to see what the thread is doing, few enough to keep a log line readable. */
    static final int STACK_FRAMES = 8;

    private ReportText() {
    }

    public static String render(SpillReport report, List<SpilledTask> tasks) {
        TaskSnapshot snapshot = report.snapshot();
        if (!snapshot.isSupported()) {
            return "namespaces cannot be checked: " + snapshot.unsupportedReason().orElse("unknown reason");
        }
        int total = snapshot.tasks().size();
        StringBuilder text = new StringBuilder();
        if (tasks.isEmpty()) {
            text.append("all ").append(total).append(" tasks of pid ").append(snapshot.pid())
                    .append(" share the namespaces of the thread-group leader");
            return text.toString();
        }
        text.append(tasks.size()).append(" of ").append(total).append(" tasks of pid ").append(snapshot.pid())
                .append(tasks.size() == 1 ? " is" : " are")
                .append(" attached to other namespaces than the thread-group leader\n");
        text.append("reference (tid ").append(snapshot.pid()).append("): ").append(referenceLine(report.reference()))
                .append('\n');
        for (SpilledTask spilled : tasks) {
            appendTask(text, spilled);
        }
        return text.toString().stripTrailing();
    }

    /**
     * The rendering of one newly leaked task, whose header states the real count: "task 3958
     * "pool-1-thread-1" newly leaked; 3 of 42 tasks of pid 1234 leaked in all".
     * @param leakedInAll how many tasks of the report count as leaked, this one included
     */
    public static String renderLeak(SpillReport report, SpilledTask task, int leakedInAll) {
        TaskSnapshot snapshot = report.snapshot();
        StringBuilder text = new StringBuilder();
        text.append("task ").append(task.task().tid()).append(" \"").append(task.task().name())
                .append("\" newly leaked; ").append(leakedInAll).append(" of ").append(snapshot.tasks().size())
                .append(" tasks of pid ").append(snapshot.pid())
                .append(" leaked in all (attached to other namespaces than the thread-group leader)\n");
        text.append("reference (tid ").append(snapshot.pid()).append("): ").append(referenceLine(report.reference()))
                .append('\n');
        appendTask(text, task);
        return text.toString().stripTrailing();
    }

    static void appendTask(StringBuilder text, SpilledTask spilled) {
        Task task = spilled.task();
        text.append("- task ").append(task.tid()).append(" \"").append(task.name()).append('"');
        if (spilled.isSwitched()) {
            text.append(" (inside a switch through Namespaces)");
        }
        spilled.thread().ifPresentOrElse(thread -> text.append(", Java thread ").append(describe(thread)),
                () -> text.append(", no Java thread known"));
        text.append('\n');
        spilled.differences().forEach((type, difference) -> text.append("    ").append(type).append(": ")
                .append(difference.inode()).append(" (reference ").append(difference.reference()).append(")\n"));
        spilled.thread().ifPresent(thread -> {
            List<String> frames = thread.stackTrace();
            frames.stream().limit(STACK_FRAMES).forEach(frame -> text.append("        at ").append(frame).append('\n'));
            if (frames.size() > STACK_FRAMES) {
                text.append("        ... ").append(frames.size() - STACK_FRAMES).append(" more\n");
            }
        });
    }

    private static String describe(JavaThread thread) {
        return "\"" + thread.name() + "\" (id " + thread.id() + ", " + thread.state() + (thread.daemon() ? ", daemon" : "")
                + ")";
    }

    private static String referenceLine(Map<String, Long> reference) {
        StringJoiner line = new StringJoiner(", ");
        reference.forEach((type, inode) -> line.add(type + " " + inode));
        return line.toString();
    }
}
