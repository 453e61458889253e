package io.namspill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.namspill.internal.linux.Errno;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.report.SpillReport;
import io.namspill.snapshot.NamespaceType;
import io.namspill.switching.NamespaceSwitchException;
import io.namspill.switching.OpenNamespace;
import io.namspill.testing.ForeignNamespaces;
import io.namspill.testing.ForeignNamespacesExtension;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.SpillingThread;
import io.namspill.testing.TaskExits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link Namespaces} switching real threads into the real namespaces of a child process. */
class NamespacesTests {

    @RegisterExtension
    static final ForeignNamespacesExtension foreign = ForeignNamespacesExtension.holding("--net", "--uts", "--ipc");

    @Test
    void callRunsTheWorkInsideTheNamespaceAndSwitchesTheThreadBack() throws Exception {
        long target = foreign.inode("net");
        long before = NamespaceLinks.ofCurrentThread("net");

        long inside = Namespaces.call(foreign.namespace("net"), () -> NamespaceLinks.ofCurrentThread("net"));

        assertThat(inside).isEqualTo(target).isNotEqualTo(before);
        assertThat(NamespaceLinks.ofCurrentThread("net")).isEqualTo(before).isEqualTo(NamespaceLinks.ofLeader("net"));
    }

    @Test
    void aTaskInsideASwitchIsSwitchedNotStray() throws Exception {
        int tid = LinuxNative.gettid();

        SpillReport inside = Namespaces.call(foreign.namespace("net"), Namspill::report);

        assertThat(inside.switchedTasks()).singleElement().satisfies(switched -> {
            assertThat(switched.task().tid()).isEqualTo(tid);
            assertThat(switched.namespaces()).isEqualTo(Map.of("net", foreign.inode("net")));
        });
        assertThat(inside.strayTasks()).isEmpty();
        assertThat(inside.isUniform()).as(inside::render).isTrue();
        assertThat(Namspill.report().switchedTasks()).isEmpty();
    }

    @Test
    void theThreadIsSwitchedBackWhenTheWorkThrows() {
        IOException failure = new IOException("work failed");

        assertThatThrownBy(() -> Namespaces.call(foreign.namespace("net"), () -> {
            throw failure;
        })).isSameAs(failure);

        assertThat(NamespaceLinks.ofCurrentThread("net")).isEqualTo(NamespaceLinks.ofLeader("net"));
    }

    @Test
    void runRunsWorkWithoutAResult() {
        AtomicReference<Long> inside = new AtomicReference<>();

        Namespaces.run(foreign.namespace("uts"), () -> inside.set(NamespaceLinks.ofCurrentThread("uts")));

        assertThat(inside.get()).isEqualTo(foreignInode("uts"));
    }

    @Test
    void aMissingPathIsReportedAsENOENT() {
        Path missing = Path.of("/run/netns/namspill-does-not-exist");

        assertThatThrownBy(() -> Namespaces.call(missing, () -> "never"))
                .isInstanceOfSatisfying(NamespaceSwitchException.class,
                        e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT.number()))
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("ENOENT");
    }

    @Test
    void aFileThatIsNoNamespaceIsRefused(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("not-a-namespace"), "plain file");

        assertThatThrownBy(() -> Namespaces.call(file, () -> "never"))
                .isInstanceOf(NamespaceSwitchException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a namespace");
    }

    @Test
    void twoNamespacesOfOneTypeAreRefused() throws Exception {
        try (ForeignNamespaces other = ForeignNamespaces.start("--net")) {
            assertThatThrownBy(() -> Namespaces.into(foreign.namespace("net"), other.namespace("net")).call(() -> "never"))
                    .isInstanceOf(NamespaceSwitchException.class)
                    .hasMessageContaining("second net namespace");
        }
    }

    @Test
    void userAndTimeNamespacesAreRefusedUpFrontBecauseAJvmIsMultithreaded() throws Exception {
        try (ForeignNamespaces held = ForeignNamespaces.start("--user", "--time")) {
            for (String type : List.of("user", "time")) {
                assertThatThrownBy(() -> Namespaces.call(held.namespace(type), () -> "never")).as(type)
                        .isInstanceOf(NamespaceSwitchException.class)
                        .hasMessageContaining(held.namespace(type).toString())
                        .hasMessageContaining("multithreaded");
                assertThatThrownBy(() -> Namespaces.into(held.namespace(type)).callOnNewThread(() -> "never")).as(type)
                        .isInstanceOf(NamespaceSwitchException.class)
                        .hasMessageContaining("multithreaded");
            }
        }
    }

    @Test
    void aMountNamespaceIsRefusedInPlace() throws Exception {
        try (ForeignNamespaces held = ForeignNamespaces.start("--mount")) {
            assertThatThrownBy(() -> Namespaces.call(held.namespace("mnt"), () -> "never"))
                    .isInstanceOf(NamespaceSwitchException.class)
                    .hasMessageContaining(held.namespace("mnt").toString())
                    .hasMessageContaining("callOnNewThread");
            assertThat(NamespaceLinks.ofCurrentThread("mnt")).isEqualTo(NamespaceLinks.ofLeader("mnt"));
        }
    }

    @Test
    void aMountNamespaceIsEnteredOnAThrowawayThreadAndTheCallerIsUntouched() throws Exception {
        try (ForeignNamespaces held = ForeignNamespaces.start("--mount", "--uts")) {
            Thread caller = Thread.currentThread();
            AtomicReference<Thread> worker = new AtomicReference<>();

            Map<String, Long> inside = Namespaces.into(held.namespace("mnt"), held.namespace("uts")).callOnNewThread(() -> {
                worker.set(Thread.currentThread());
                return Map.of("mnt", NamespaceLinks.ofCurrentThread("mnt"), "uts", NamespaceLinks.ofCurrentThread("uts"));
            });

            assertThat(inside).isEqualTo(Map.of("mnt", held.inode("mnt"), "uts", held.inode("uts")));
            assertThat(worker.get()).isNotSameAs(caller);
            assertThat(worker.get().isAlive()).isFalse();
            assertThat(NamespaceLinks.ofCurrentThread("mnt")).isEqualTo(NamespaceLinks.ofLeader("mnt"));
            assertThat(NamespaceLinks.ofCurrentThread("uts")).isEqualTo(NamespaceLinks.ofLeader("uts"));
        }
    }

    @Test
    void theThrowawayThreadPassesTheWorksExceptionToTheCaller() {
        IllegalStateException failure = new IllegalStateException("work failed");

        assertThatThrownBy(() -> Namespaces.into(foreign.namespace("net")).runOnNewThread(() -> {
            throw failure;
        })).isSameAs(failure);
    }

    @Test
    void anInterruptedCallerPassesTheInterruptToTheWorkAndWaitsForItsEnd() throws Exception {
        Thread.currentThread().interrupt();

        String outcome = Namespaces.into(foreign.namespace("net")).callOnNewThread(() -> {
            try {
                new CountDownLatch(1).await(60, TimeUnit.SECONDS);
                return "never interrupted";
            }
            catch (InterruptedException e) {
                return "interrupted";
            }
        });

        assertThat(outcome).isEqualTo("interrupted");
        assertThat(Thread.interrupted()).as("caller still interrupted").isTrue();
    }

    @Test
    void aPidNamespaceChangesOnlyThePidNamespaceForChildren() throws Exception {
        try (ForeignNamespaces held = ForeignNamespaces.start("--pid", "--fork")) {
            long ownPid = NamespaceLinks.ofLeader("pid");

            // No child process here: inside a pid switch the thread cannot start threads, and
            // ProcessBuilder.start() needs one (the JDK's process reaper).
            Map<String, Long> inside = Namespaces.call(held.namespace("pid"), () -> Map.of(
                    "pid", NamespaceLinks.ofCurrentThread("pid"),
                    "pid_for_children", NamespaceLinks.ofCurrentThread("pid_for_children")));

            assertThat(inside).isEqualTo(Map.of("pid", ownPid, "pid_for_children", held.inode("pid")));
        }
    }

    @Test
    void aProcessStartedInsideANetworkSwitchIsBornInTheTarget() throws Exception {
        String child = Namespaces.call(foreign.namespace("net"), () -> childsLink("net"));

        assertThat(child).isEqualTo("net:[" + foreign.inode("net") + "]");
    }

    @Test
    void aThreadStartedInsideTheWorkIsBornInTheTargetAndStaysThere() throws Exception {
        SpillingThread started = Namespaces.call(foreign.namespace("net"), () -> SpillingThread.start("started-inside", () -> { }));
        try {
            SpillReport report = Namspill.report();

            assertThat(report.strayTasks()).as(report::render).singleElement().satisfies(stray -> {
                assertThat(stray.task().tid()).isEqualTo(started.tid());
                assertThat(stray.namespaces()).isEqualTo(Map.of("net", foreign.inode("net")));
            });
        }
        finally {
            started.close();
            TaskExits.await(started.tid());
        }
    }

    @Test
    void anOpenNamespaceServesManySwitches() throws Exception {
        try (OpenNamespace net = OpenNamespace.open(foreign.namespace("net"))) {
            assertThat(net.type()).isEqualTo(NamespaceType.NET);
            for (int i = 0; i < 3; i++) {
                assertThat(Namespaces.into(net).call(() -> NamespaceLinks.ofCurrentThread("net"))).isEqualTo(foreign.inode("net"));
            }
        }
    }

    @Test
    void aDescriptorTheCallerOwnsStaysOpen() throws Exception {
        int fd = LinuxNative.openReadOnly(foreign.namespace("uts").toString());
        try {
            try (OpenNamespace uts = OpenNamespace.ofDescriptor(fd)) {
                assertThat(Namespaces.into(uts).call(() -> NamespaceLinks.ofCurrentThread("uts"))).isEqualTo(foreign.inode("uts"));
            }
            assertThat(LinuxNative.namespaceType(fd, "fd")).isEqualTo(LinuxAbi.CLONE_NEWUTS);
        }
        finally {
            LinuxNative.closeQuietly(fd);
        }
    }

    @Test
    void aNestedSwitchReturnsToTheOuterSwitch() throws Exception {
        try (ForeignNamespaces other = ForeignNamespaces.start("--net")) {
            List<Long> seen = Namespaces.call(foreign.namespace("net"), () -> {
                long inner = Namespaces.call(other.namespace("net"), () -> NamespaceLinks.ofCurrentThread("net"));
                return List.of(inner, NamespaceLinks.ofCurrentThread("net"));
            });

            assertThat(seen).containsExactly(other.inode("net"), foreign.inode("net"));
        }
    }

    private static long foreignInode(String type) {
        try {
            return foreign.inode(type);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What {@code readlink /proc/self/ns/<type>} says in a child process. */
    private static String childsLink(String type) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("readlink", "/proc/self/ns/" + type).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
