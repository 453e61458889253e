package io.namspill.test;

import io.namspill.snapshot.TaskSnapshot;

/**
 * AssertJ entry point for snapshots of the JVM's tasks.
 *
 * <pre>{@code
 * import static io.namspill.test.NamspillAssertions.assertThat;
 *
 * assertThat(Namspill.tasks()).isUniformlyNamespaced();
 * assertThat(Namspill.tasks()).ignoringThreads("netns-worker-.*").isUniformlyNamespaced();
 * }</pre>
 *
 * <p>Needs {@code org.assertj:assertj-core} on the class path; the dependency is optional in
 * this module.
 */
public final class NamspillAssertions {

    private NamspillAssertions() {
    }

    /** Starts an assertion on {@code actual}, a snapshot such as {@code Namspill.tasks()}. */
    public static TaskSnapshotAssert assertThat(TaskSnapshot actual) {
        return new TaskSnapshotAssert(actual);
    }
}
