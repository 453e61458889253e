package io.namspill.test;

import io.namspill.report.SpillOptions;
import io.namspill.report.SpillReport;
import io.namspill.snapshot.TaskSnapshot;
import java.util.Objects;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.jspecify.annotations.Nullable;

/**
 * Hamcrest matchers for snapshots of the JVM's tasks.
 *
 * <pre>{@code
 * import static io.namspill.test.NamspillMatchers.isUniformlyNamespaced;
 * import static org.hamcrest.MatcherAssert.assertThat;
 *
 * assertThat(Namspill.tasks(), isUniformlyNamespaced());
 * }</pre>
 *
 * <p>Needs {@code org.hamcrest:hamcrest} on the class path; the dependency is optional in this
 * module.
 */
public final class NamspillMatchers {

    private NamspillMatchers() {
    }

    /**
     * Matches a snapshot in which every task, outside a switch made through the switching API,
     * is attached to the thread-group leader's namespace of every type. An unsupported snapshot
     * does not match. The mismatch is the report's {@linkplain SpillReport#render() rendering}.
     */
    public static Matcher<TaskSnapshot> isUniformlyNamespaced() {
        return isUniformlyNamespaced(SpillOptions.defaults());
    }

    /** {@link #isUniformlyNamespaced()} judged with {@code options} (counted types, ignored threads). */
    public static Matcher<TaskSnapshot> isUniformlyNamespaced(SpillOptions options) {
        return new UniformlyNamespaced(Objects.requireNonNull(options, "options"));
    }

    private static final class UniformlyNamespaced extends TypeSafeMatcher<TaskSnapshot> {

        private final SpillOptions options;

        /**
         * The last judgement: describing the mismatch reuses it rather than taking a second
         * thread dump, and so renders exactly the report that failed the match.
         */
        private volatile @Nullable Judgement last;

        private record Judgement(TaskSnapshot snapshot, SpillReport report) {
        }

        UniformlyNamespaced(SpillOptions options) {
            this.options = options;
        }

        @Override
        protected boolean matchesSafely(TaskSnapshot snapshot) {
            return judge(snapshot).isUniform();
        }

        @Override
        protected void describeMismatchSafely(TaskSnapshot snapshot, Description mismatch) {
            mismatch.appendText(judge(snapshot).render());
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("every task attached to the namespaces of the thread-group leader");
        }

        private SpillReport judge(TaskSnapshot snapshot) {
            Judgement judgement = last;
            if (judgement == null || judgement.snapshot() != snapshot) {
                judgement = new Judgement(snapshot, SpillReport.of(snapshot, options));
                last = judgement;
            }
            return judgement.report();
        }
    }
}
