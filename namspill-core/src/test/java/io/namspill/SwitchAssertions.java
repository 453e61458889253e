package io.namspill;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on the whole process, for the switching tests. */
final class SwitchAssertions {

    private SwitchAssertions() {
    }

    /** No task of this JVM is spilled, switched or not. */
    static void assertUniform() {
        SpillReport report = Namspill.report();
        assertThat(report.isSupported()).as(report::render).isTrue();
        assertThat(report.spilledTasks()).as(report::render).isEmpty();
    }
}
