package io.namspill.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.Namspill;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.report.SpillReport;
import io.namspill.report.SpilledTask;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without {@code enableTrace()} nothing changes: no filter in this (the shared) test JVM, no origin
 * in any report, the rendering as it always was. Runs in the default Surefire execution, never
 * with the origin-trace tests.
 */
class TraceOffTests {

    @Test
    void withoutEnablingNoFilterIsInstalled() throws Exception {
        String status = Files.readString(Path.of("/proc/self/status"));

        assertThat(Namspill.traceStatus()).isEmpty();
        assertThat(status).contains("Seccomp:\t0").contains("Seccomp_filters:\t0");
    }

    @Test
    void withoutEnablingReportsCarryNoOriginAndRenderAsBefore() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (SpillingThread spilling = SpillingThread.unsharing("trace-off-leak", LinuxAbi.CLONE_NEWUTS).parked()) {
            SpillReport report = Namspill.report();
            SpilledTask leak = report.strayTasks().stream().filter(t -> t.task().tid() == spilling.tid()).findFirst().orElseThrow();

            assertThat(report.trace()).isEmpty();
            assertThat(leak.origin()).isEmpty();
            String rendering = report.render(List.of(leak));
            assertThat(rendering).doesNotContain("origin");
            // exactly the task, its type and its stack: the lines a report had before the trace existed
            assertThat(rendering.lines().skip(2))
                    .allMatch(line -> line.startsWith("- task ") || line.startsWith("    uts: ") || line.startsWith("        "));
        }
    }
}
