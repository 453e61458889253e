package io.namspill.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.Namspill;
import io.namspill.report.SpillReport;
import io.namspill.testing.ThreadChurn;
import org.junit.jupiter.api.Test;

/** Threads are born and die while we scan: tasks vanish mid-read, tids are reused. */
class ChurnTests {

    private static final int SCANS = 300;
    private static final int MIN_THREADS_BORN = 2_000;

    @Test
    void consecutiveScansDuringThreadChurnNeverThrowAndNeverReportASpill() {
        int scans = 0;
        int unsupported = 0;
        int falseSpills = 0;
        long tasksSeen = 0;
        long born;
        try (ThreadChurn churn = ThreadChurn.start()) {
            while (scans < SCANS || churn.born() < MIN_THREADS_BORN) {
                SpillReport report = Namspill.report();
                scans++;
                tasksSeen += report.snapshot().tasks().size();
                if (!report.isSupported()) {
                    unsupported++;
                }
                else if (!report.isUniform()) {
                    falseSpills++;
                }
            }
            born = churn.born();
        }

        System.out.printf("churn: %d scans, %d threads born and ended, %d tasks read, %d unsupported, %d false spills%n",
                scans, born, tasksSeen, unsupported, falseSpills);
        assertThat(unsupported).isZero();
        assertThat(falseSpills).isZero();
        assertThat(born).isGreaterThanOrEqualTo(MIN_THREADS_BORN);
    }
}
