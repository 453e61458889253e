package io.namspill.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.namspill.Namspill;
import io.namspill.report.SpillOptions;
import io.namspill.report.SpillReport;
import io.namspill.snapshot.NamespaceType;
import io.namspill.snapshot.TaskScanner;
import io.namspill.snapshot.TaskSnapshot;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
@ExtendWith(NamspillExtension.class) // every leak made here must be released before its test ends
class NamspillAssertionsTests {

    @Test
    void passesOnAUniformJvm() {
        NamspillAssertions.assertThat(Namspill.tasks()).isUniformlyNamespaced();
    }

    @Test
    void failsOnALeakWithTheReportRendering() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leak = SpillingThread.unsharing("leaky-worker", NamespaceType.UTS.cloneFlag()).parked()) {
            TaskSnapshot snapshot = Namspill.tasks();
            long uts = NamespaceLinks.inode(Path.of("/proc/self/task/" + leak.tid() + "/ns/uts"));

            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> NamspillAssertions.assertThat(snapshot).isUniformlyNamespaced())
                    .withMessage(SpillReport.of(snapshot).render())
                    .withMessageContaining("- task " + leak.tid() + " \"leaky-worker\", Java thread \"leaky-worker\"")
                    .withMessageContaining("uts: " + uts + " (reference " + NamespaceLinks.ofLeader("uts") + ")")
                    .satisfies(error -> assertThat(error.getMessage().split("\n- task ", -1)).hasSize(2));
        }
    }

    @Test
    void aDescriptionComesBeforeTheRendering() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leak = SpillingThread.unsharing("leaky-worker", NamespaceType.UTS.cloneFlag()).parked()) {
            TaskSnapshot snapshot = Namspill.tasks();

            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> NamspillAssertions.assertThat(snapshot).as("after the netns client").isUniformlyNamespaced())
                    .withMessage("[after the netns client] " + SpillReport.of(snapshot).render());
        }
    }

    @Test
    void ignoredThreadsDoNotFailIt() {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread leak = SpillingThread.unsharing("netns-holder-1", NamespaceType.UTS.cloneFlag()).parked()) {
            TaskSnapshot snapshot = Namspill.tasks();

            NamspillAssertions.assertThat(snapshot).ignoringThreads("netns-holder-\\d+").isUniformlyNamespaced();
            NamspillAssertions.assertThat(snapshot)
                    .usingOptions(SpillOptions.defaults().withIgnoredThreads(List.of(Pattern.compile("netns-.*"))))
                    .isUniformlyNamespaced();
            assertThatExceptionOfType(AssertionError.class)
                    .isThrownBy(() -> NamspillAssertions.assertThat(snapshot).ignoringThreads("other-.*").isUniformlyNamespaced())
                    .withMessageContaining("\"netns-holder-1\"");
        }
    }

    @Test
    void failsWithTheReasonWhereTheNamespacesCannotBeRead(@TempDir Path empty) {
        TaskSnapshot unsupported = new TaskScanner(empty).scan();

        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> NamspillAssertions.assertThat(unsupported).isUniformlyNamespaced())
                .withMessage("namespaces cannot be checked: no procfs at " + empty + " (" + empty.resolve("self") + " is missing)");
    }

    @Test
    void failsOnNoSnapshot() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> NamspillAssertions.assertThat(null).isUniformlyNamespaced())
                .withMessageContaining("Expecting actual not to be null");
    }

    @Test
    void aBadIgnorePatternIsNamed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> NamspillAssertions.assertThat(Namspill.tasks()).ignoringThreads("netns-(.*"))
                .withMessageStartingWith("Invalid thread-name pattern 'netns-(.*'");
    }
}
