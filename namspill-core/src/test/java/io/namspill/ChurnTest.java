package io.namspill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Threads are born and die while we scan: tasks vanish mid-read, tids are reused. */
class ChurnTest {

    private static final int SCANS = 300;
    private static final int MIN_THREADS_BORN = 2_000;

    @Test
    void consecutiveScansDuringThreadChurnNeverThrowAndNeverReportASpill() throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong born = new AtomicLong();
        List<Thread> spawners = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread spawner = new Thread(() -> {
                while (running.get()) {
                    Thread shortLived = new Thread(() -> { }, "churn");
                    shortLived.start();
                    born.incrementAndGet();
                    try {
                        shortLived.join();
                    }
                    catch (InterruptedException e) {
                        return;
                    }
                }
            }, "churn-spawner-" + i);
            spawner.start();
            spawners.add(spawner);
        }

        int scans = 0;
        int unsupported = 0;
        int falseSpills = 0;
        long tasksSeen = 0;
        try {
            while (scans < SCANS || born.get() < MIN_THREADS_BORN) {
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
        }
        finally {
            running.set(false);
            for (Thread spawner : spawners) {
                spawner.join();
            }
        }

        System.out.printf("churn: %d scans, %d threads born and ended, %d tasks read, %d unsupported, %d false spills%n",
                scans, born.get(), tasksSeen, unsupported, falseSpills);
        assertThat(unsupported).isZero();
        assertThat(falseSpills).isZero();
        assertThat(born.get()).isGreaterThanOrEqualTo(MIN_THREADS_BORN);
    }
}
