package io.namspill;

import io.namspill.report.SpillReport;
import io.namspill.snapshot.TaskScanner;
import io.namspill.snapshot.TaskSnapshot;

/**
 * Entry point: what the namespaces of this JVM's tasks look like right now.
 *
 * <pre>{@code
 * SpillReport report = SpillReport.of(Namspill.tasks());
 * if (!report.isUniform()) {
 *     log.warn(report.render());
 * }
 * }</pre>
 */
public final class Namspill {

    private static final TaskScanner SCANNER = new TaskScanner();

    private Namspill() {
    }

    /**
     * A fresh, immutable snapshot of every task of this process, read from {@code /proc}. Never
     * throws: where procfs cannot be read the snapshot is unsupported and says why.
     */
    public static TaskSnapshot tasks() {
        return SCANNER.scan();
    }

    /** {@link #tasks()} judged with the default options: every type, nothing ignored. */
    public static SpillReport report() {
        return SpillReport.of(tasks());
    }
}
