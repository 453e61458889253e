package io.namspill.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.Namspill;
import io.namspill.report.SpillReport;

/** Assertions on the whole process, for the switching tests. */
public final class SwitchAssertions {

    private SwitchAssertions() {
    }

    /** No task of this JVM is spilled, switched or not. */
    public static void assertUniform() {
        SpillReport report = Namspill.report();
        assertThat(report.isSupported()).as(report::render).isTrue();
        assertThat(report.spilledTasks()).as(report::render).isEmpty();
    }
}
