package io.namspill.report;

import io.namspill.jvm.JavaThread;
import io.namspill.snapshot.Task;
import io.namspill.snapshot.TaskSnapshot;
import io.namspill.trace.Origin;
import io.namspill.trace.TraceStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** The text rendering of a report, shared by test failures and log lines. */
final class ReportText {

    /** Enough frames to see what the thread is doing, few enough to keep a log line readable. */
    static final int STACK_FRAMES = 8;

    /** The origin's stack starts with JNA's or the JDK's frames of the call: room for the caller below them. */
    static final int ORIGIN_FRAMES = 12;

    private ReportText() {
    }

    static String render(SpillReport report, List<SpilledTask> tasks) {
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
            appendTask(text, spilled, report.trace());
        }
        return text.toString().stripTrailing();
    }

    /**
     * The rendering of one newly leaked task, whose header states the real count: "task 3958
     * "pool-1-thread-1" newly leaked; 3 of 42 tasks of pid 1234 leaked in all".
     * @param leakedInAll how many tasks of the report count as leaked, this one included
     */
    static String renderLeak(SpillReport report, SpilledTask task, int leakedInAll) {
        TaskSnapshot snapshot = report.snapshot();
        StringBuilder text = new StringBuilder();
        text.append("task ").append(task.task().tid()).append(" \"").append(task.task().name().orElse(""))
                .append("\" newly leaked; ").append(leakedInAll).append(" of ").append(snapshot.tasks().size())
                .append(" tasks of pid ").append(snapshot.pid())
                .append(" leaked in all (attached to other namespaces than the thread-group leader)\n");
        text.append("reference (tid ").append(snapshot.pid()).append("): ").append(referenceLine(report.reference()))
                .append('\n');
        appendTask(text, task, report.trace());
        return text.toString().stripTrailing();
    }

    static void appendTask(StringBuilder text, SpilledTask spilled, Optional<TraceStatus> trace) {
        Task task = spilled.task();
        text.append("- task ").append(task.tid()).append(" \"").append(task.name().orElse("")).append('"');
        if (spilled.isSwitched()) {
            text.append(" (inside a switch through Namespaces)");
        }
        spilled.thread().ifPresentOrElse(thread -> text.append(", Java thread ").append(describe(thread)),
                () -> text.append(", no Java thread known"));
        text.append('\n');
        spilled.differences().forEach((type, difference) -> text.append("    ").append(type).append(": ")
                .append(difference.inode()).append(" (reference ").append(difference.reference()).append(")\n"));
        spilled.thread().ifPresent(thread -> appendFrames(text, thread.stackTrace(), STACK_FRAMES));
        // Only where the trace was enabled: without it the rendering stays what it always was.
        trace.ifPresent(status -> spilled.origin().ifPresentOrElse(origin -> appendOrigin(text, origin),
                () -> text.append("    origin unknown: ").append(whyNoOrigin(status, spilled)).append('\n')));
    }

    private static void appendOrigin(StringBuilder text, Origin origin) {
        text.append("    origin: ").append(origin.call()).append(" at ").append(origin.time());
        origin.threadName().ifPresent(name -> text.append(" on \"").append(name).append('"'));
        text.append('\n');
        origin.stackUnavailable().ifPresent(why -> text.append("        (no stack: ").append(why).append(")\n"));
        appendFrames(text, origin.stackTrace(), ORIGIN_FRAMES);
    }

    /** Why a spilled task has no origin although the trace was enabled. */
    static String whyNoOrigin(TraceStatus status, SpilledTask spilled) {
        if (!status.active()) {
            return "the origin trace is not running: " + status.reason();
        }
        return "no traced setns or unshare of this task changed its " + String.join(", ", spilled.differences().keySet())
                + " (it may have been started by a thread that was already there, or moved before the trace began)";
    }

    private static void appendFrames(StringBuilder text, List<String> frames, int limit) {
        frames.stream().limit(limit).forEach(frame -> text.append("        at ").append(frame).append('\n'));
        if (frames.size() > limit) {
            text.append("        ... ").append(frames.size() - limit).append(" more\n");
        }
    }

    private static String describe(JavaThread thread) {
        return "\"" + thread.name() + "\" (id " + thread.id() + ", " + thread.state() + (thread.daemon() ? ", daemon" : "")
                + (thread.namedBy() == JavaThread.NamedBy.OTHER ? "" : ", named by " + thread.namedBy().label()) + ")";
    }

    private static String referenceLine(Map<String, Long> reference) {
        StringJoiner line = new StringJoiner(", ");
        reference.forEach((type, inode) -> line.add(type + " " + inode));
        return line.toString();
    }
}
