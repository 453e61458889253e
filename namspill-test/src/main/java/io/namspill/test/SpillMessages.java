package io.namspill.test;

import io.namspill.report.SpilledTask;
import java.util.List;
import java.util.StringJoiner;

/** The texts {@link NamspillExtension} fails, reports and warns with. */
final class SpillMessages {

    private SpillMessages() {
    }

    /** The report of the tasks that spilled during the test, and what it cannot tell. */
    static String failure(SettlingCheck.Leaked leaked, ExtensionSettings settings) {
        StringBuilder message = new StringBuilder(leaked.report().render(leaked.leaked()));
        int before = leaked.preExisting().size();
        if (before > 0) {
            message.append("\n(").append(before).append(before == 1 ? " task was" : " tasks were")
                    .append(" already spilled before this test and ").append(before == 1 ? "is" : "are")
                    .append(" not listed)");
        }
        if (settings.parallel()) {
            message.append("\nNote: JUnit parallel execution is enabled (").append(ExtensionSettings.PARALLEL_PARAMETER)
                    .append("=true). namspill checks the whole process, so it cannot attribute a spill to one of"
                            + " several tests running at the same time: these tasks may have spilled in a concurrent test.");
        }
        return message.toString();
    }

    /** The tasks that were spilled before the test and still are. */
    static String preExisting(List<SpilledTask> tasks) {
        StringJoiner list = new StringJoiner("; ");
        for (SpilledTask task : tasks) {
            list.add("task " + task.task().tid() + " \"" + task.task().name().orElse("") + "\" ("
                    + String.join(", ", task.differences().keySet()) + ")");
        }
        return tasks.size() + (tasks.size() == 1 ? " task was" : " tasks were")
                + " already attached to other namespaces before this test and still " + (tasks.size() == 1 ? "is" : "are")
                + " (not counted against this test): " + list;
    }
}
