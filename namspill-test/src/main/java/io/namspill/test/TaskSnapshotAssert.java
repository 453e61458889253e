package io.namspill.test;

import io.namspill.report.SpillOptions;
import io.namspill.report.SpillReport;
import io.namspill.snapshot.TaskSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.BasicErrorMessageFactory;

/** AssertJ assertions on a {@link TaskSnapshot}; start with {@link NamspillAssertions#assertThat(TaskSnapshot)}. */
public final class TaskSnapshotAssert extends AbstractAssert<TaskSnapshotAssert, TaskSnapshot> {

    private SpillOptions options = SpillOptions.defaults();

    TaskSnapshotAssert(TaskSnapshot actual) {
        super(actual, TaskSnapshotAssert.class);
    }

    /**
     * Judges the snapshot with {@code options} (counted types, ignored threads) instead of the
     * defaults.
     */
    public TaskSnapshotAssert usingOptions(SpillOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return myself;
    }

    /**
     * Never counts a task whose Java thread name or task name matches one of these regular
     * expressions fully: threads that live in another namespace on purpose.
     *
     * @throws IllegalArgumentException naming the expression that is not valid
     */
    public TaskSnapshotAssert ignoringThreads(String... regexes) {
        List<Pattern> patterns = new ArrayList<>(options.ignoredThreads());
        patterns.addAll(ThreadPatterns.compile(regexes));
        options = options.withIgnoredThreads(patterns);
        return myself;
    }

    /**
     * Verifies that every task, outside a switch made through the switching API, is attached to
     * the thread-group leader's namespace of every counted type. Fails where the snapshot is
     * unsupported: not knowing is never uniform.
     *
     * <p>The failure message is the report's {@linkplain SpillReport#render() rendering}: every
     * spilled task, its Java thread, and each differing namespace beside the reference.
     */
    public TaskSnapshotAssert isUniformlyNamespaced() {
        isNotNull();
        SpillReport report = SpillReport.of(actual, options);
        if (!report.isUniform()) {
            throwAssertionError(new ShouldBeUniformlyNamespaced(report.render()));
        }
        return myself;
    }

    /** The rendering as it is: no quotes, no reformatting, only AssertJ's description before it. */
    private static final class ShouldBeUniformlyNamespaced extends BasicErrorMessageFactory {

        ShouldBeUniformlyNamespaced(String rendering) {
            super("%s", unquotedString(rendering));
        }
    }
}
