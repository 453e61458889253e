package io.namspill.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.LastErrorException;
import io.namspill.Namspill;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.internal.trace.NamespaceTrace;
import io.namspill.testing.ChildJvm;
import io.namspill.testing.ParkedThreads;
import io.namspill.testing.Privileges;
import io.namspill.testing.RawJna;
import io.namspill.testing.ThreadChurn;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the trace does to a whole JVM, each in a fresh child JVM (the filter is installed once per
 * JVM): thousands of threads and threads starting during the install all get the filter; a
 * supervisor that dies leaves no caller blocked. Runs in the default Surefire execution on purpose:
 * a child of a traced JVM inherits its filter and could not install its own (EBUSY, see
 * {@code OriginTraceTests}); this JVM itself never enables the trace.
 */
class TraceSafetyTests {

    @Test
    void everyTaskOfAJvmWithThousandsOfThreadsAndThreadsStartingMeanwhileGetsTheFilter() throws Exception {
        Privileges.assumeCanCreateNamespaces();

        ChildJvm.Result result = ChildJvm.run(InstallProbe.class, "2000");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("active=true", "unfiltered=0");
        assertThat(Integer.parseInt(result.output().replaceAll("(?s).*tasks=(\\d+).*", "$1"))).isGreaterThan(2000);
        assertThat(Long.parseLong(result.output().replaceAll("(?s).*churned=(\\d+).*", "$1"))).isPositive();
    }

    @Test
    void aSupervisorThatDiesReleasesTheWaitingCallerAndLaterCallsFailInsteadOfHanging() throws Exception {
        Privileges.assumeCanCreateNamespaces();

        ChildJvm.Result result = ChildJvm.run(DeathProbe.class);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("active=true", "waiting=ENOSYS", "later=ENOSYS", "child=1");
    }

    /** Installs the trace while {@code args[0]} threads park and threads keep starting. */
    public static final class InstallProbe {
        public static void main(String[] args) throws Exception {
            try (ParkedThreads parked = new ParkedThreads(Integer.parseInt(args[0]), "parked-");
                    ThreadChurn churn = ThreadChurn.start()) {
                TraceStatus status = Namspill.enableTrace();
                int tasks = 0;
                int unfiltered = 0;
                try (DirectoryStream<Path> all = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
                    for (Path task : all) {
                        try {
                            String text = Files.readString(task.resolve("status"));
                            tasks++;
                            if (!text.contains("Seccomp_filters:\t1")) {
                                unfiltered++;
                                System.out.println("unfiltered task " + task);
                            }
                        }
                        catch (NoSuchFileException e) {
                            // ended meanwhile: a churned thread
                        }
                    }
                }
                System.out.println("active=" + status.active() + " reason=" + status.reason());
                System.out.println("tasks=" + tasks + " unfiltered=" + unfiltered + " churned=" + churn.born());
            }
        }
    }

    /** Enables the trace, makes the supervisor die at the next call, and calls. */
    public static final class DeathProbe {
        public static void main(String[] args) throws Exception {
            System.out.println("active=" + Namspill.enableTrace().active());
            NamespaceTrace.stopSupervisor();
            System.out.println("waiting=" + unshareOnNewThread());
            System.out.println("later=" + unshareOnNewThread());
            Process child = new ProcessBuilder("unshare", "-u", "true").start();
            System.out.println("child=" + (child.waitFor(60, TimeUnit.SECONDS) ? child.exitValue() : "hung"));
        }

        private static String unshareOnNewThread() throws Exception {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    RawJna.LIBC.unshare(LinuxAbi.CLONE_NEWUTS);
                    return "ok";
                }
                catch (LastErrorException e) {
                    return e.getErrorCode() == 38 ? "ENOSYS" : "errno " + e.getErrorCode();
                }
            }, runnable -> new Thread(runnable, "death-probe-caller").start()).get(60, TimeUnit.SECONDS);
        }
    }
}
