package io.namspill.test;

import static io.namspill.test.NamspillMatchers.isUniformlyNamespaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.MatcherAssert.assertThat;

import io.namspill.Namspill;
import io.namspill.report.SpillOptions;
import io.namspill.report.SpillReport;
import io.namspill.snapshot.NamespaceType;
import io.namspill.snapshot.TaskScanner;
import io.namspill.snapshot.TaskSnapshot;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.hamcrest.StringDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
@ExtendWith(NamspillExtension.class) // every leak made here must be released before its test ends
class NamspillMatchersTests {

    @Test
    void matchesAUniformJvm() {
        assertThat(Namspill.tasks(), isUniformlyNamespaced());
    }

    @Test
    void failsOnALeakWithTheSameRenderingAsAssertJ() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leak = SpillingThread.unsharing("leaky-worker", NamespaceType.UTS.cloneFlag()).parked()) {
            TaskSnapshot snapshot = Namspill.tasks();
            String rendering = SpillReport.of(snapshot).render();
            AssertionError assertJ = org.assertj.core.api.Assertions.catchThrowableOfType(AssertionError.class,
                    () -> NamspillAssertions.assertThat(snapshot).isUniformlyNamespaced());

            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> assertThat(snapshot, isUniformlyNamespaced()))
                    .withMessage("\nExpected: every task attached to the namespaces of the thread-group leader\n     but: "
                            + rendering)
                    .withMessageEndingWith(assertJ.getMessage())
                    .withMessageContaining("- task " + leak.tid() + " \"leaky-worker\", Java thread \"leaky-worker\"");
        }
    }

    @Test
    void describesTheMismatchWithTheReportOfTheFailedMatch() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leak = SpillingThread.unsharing("leaky-worker", NamespaceType.UTS.cloneFlag()).parked()) {
            TaskSnapshot snapshot = Namspill.tasks();
            var matcher = isUniformlyNamespaced();
            StringDescription mismatch = new StringDescription();

            assertThat(matcher.matches(snapshot)).isFalse();
            matcher.describeMismatch(snapshot, mismatch);

            assertThat(mismatch.toString()).isEqualTo(SpillReport.of(snapshot).render());
        }
    }

    @Test
    void optionsIgnoreThreads() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leak = SpillingThread.unsharing("netns-holder-1", NamespaceType.UTS.cloneFlag()).parked()) {
            TaskSnapshot snapshot = Namspill.tasks();

            assertThat(snapshot, isUniformlyNamespaced(
                    SpillOptions.defaults().withIgnoredThreads(List.of(Pattern.compile("netns-holder-\\d+")))));
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(snapshot, isUniformlyNamespaced()));
        }
    }

    @Test
    void failsWithTheReasonWhereTheNamespacesCannotBeRead(@TempDir Path empty) {
        TaskSnapshot unsupported = new TaskScanner(empty).scan();

        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(unsupported, isUniformlyNamespaced()))
                .withMessageEndingWith("but: namespaces cannot be checked: no procfs at " + empty + " ("
                        + empty.resolve("self") + " is missing)");
    }

    @Test
    void doesNotMatchNull() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(null, isUniformlyNamespaced()))
                .withMessageContaining("but: was null");
    }
}
