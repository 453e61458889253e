package io.namspill.snapshot;

import static io.namspill.internal.linux.LinuxAbi.CLONE_FS;
import static io.namspill.internal.linux.LinuxAbi.CLONE_NEWCGROUP;
import static io.namspill.internal.linux.LinuxAbi.CLONE_NEWIPC;
import static io.namspill.internal.linux.LinuxAbi.CLONE_NEWNET;
import static io.namspill.internal.linux.LinuxAbi.CLONE_NEWNS;
import static io.namspill.internal.linux.LinuxAbi.CLONE_NEWPID;
import static io.namspill.internal.linux.LinuxAbi.CLONE_NEWUTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.namspill.Namspill;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.report.SpillReport;
import io.namspill.testing.ForeignNamespaces;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real namespaces, made by real threads of this JVM through JNA, found by a real scan. */
class RealNamespaceDetectionTests {

    @BeforeEach
    void privileged() {
        Privileges.assumeCanCreateNamespaces();
        assertUniformEventually(); // no leftovers from other tests
    }

    @AfterEach
    void nothingLeftBehind() {
        assertUniformEventually();
    }

    static Stream<Arguments> unshareFlags() {
        return Stream.of(
                Arguments.of("uts", CLONE_NEWUTS),
                Arguments.of("net", CLONE_NEWNET),
                Arguments.of("ipc", CLONE_NEWIPC),
                Arguments.of("cgroup", CLONE_NEWCGROUP),
                Arguments.of("mnt", CLONE_FS | CLONE_NEWNS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unshareFlags")
    void aThreadThatUnsharedIsDetectedUnderExactlyThatTypeWithItsTidAndJavaThread(String type, int flags) {
        try (SpillingThread leaky = SpillingThread.unsharing("leaky-" + type, flags)) {
            SpillReport report = Namspill.report();

            assertThat(report.isUniform()).isFalse();
            assertThat(report.strayTasks()).singleElement().satisfies(spilled -> {
                assertThat(spilled.task().tid()).isEqualTo(leaky.tid());
                assertThat(spilled.differences()).containsOnlyKeys(type);
                assertThat(spilled.differences().get(type).inode()).isEqualTo(inodeOfTask(leaky.tid(), type));
                assertThat(spilled.differences().get(type).reference()).isEqualTo(NamespaceLinks.ofLeader(type));
                assertThat(spilled.thread()).hasValueSatisfying(thread -> {
                    assertThat(thread.name()).isEqualTo("leaky-" + type);
                    assertThat(thread.id()).isEqualTo(leaky.thread().getId());
                    assertThat(thread.state()).isEqualTo("WAITING");
                    assertThat(thread.stackTrace()).isNotEmpty();
                });
            });
            assertThat(report.render()).contains("task " + leaky.tid(), "leaky-" + type,
                    type + ": " + inodeOfTask(leaky.tid(), type) + " (reference " + NamespaceLinks.ofLeader(type) + ")");
        }
        assertUniformEventually();
    }

    @Test
    void setnsIntoAForeignPidNamespaceShowsUnderPidForChildrenNeverUnderPid() throws Exception {
        try (ForeignNamespaces foreign = ForeignNamespaces.start("--pid", "--fork");
                SpillingThread leaky = SpillingThread.entering("leaky-pid", foreign.namespace("pid").toString(), CLONE_NEWPID)) {
            SpillReport report = Namspill.report();

            assertThat(report.strayTasks()).singleElement().satisfies(spilled -> {
                assertThat(spilled.task().tid()).isEqualTo(leaky.tid());
                assertThat(spilled.differences()).containsOnlyKeys("pid_for_children");
                assertThat(spilled.differences().get("pid_for_children").inode()).isEqualTo(foreign.inode("pid"));
            });
        }
    }

    @Test
    void afterUnsharingPidBeforeAnyChildPidForChildrenIsUnknownNotSpilledAndTheTaskIsNotVanished() {
        try (SpillingThread unshared = SpillingThread.unsharing("fresh-pidns", CLONE_NEWPID)) {
            TaskSnapshot snapshot = Namspill.tasks();

            Task task = snapshot.tasks().stream().filter(t -> t.tid() == unshared.tid()).findFirst().orElseThrow();
            assertThat(task.unknownTypes()).containsExactly("pid_for_children");
            assertThat(task.namespace("pid")).hasValue(NamespaceLinks.ofLeader("pid"));
            assertThat(SpillReport.of(snapshot).isUniform()).isTrue();
        }
    }

    @Test
    void aThreadThatSwitchesWithSetnsAndRestoresLeavesNoTrace() throws Exception {
        Privileges.assumeCanRestoreNamespaces();
        try (ForeignNamespaces foreign = ForeignNamespaces.start("--uts");
                SpillingThread restored = SpillingThread.start("switch-and-back", () -> {
                    int home = LinuxNative.openReadOnly("/proc/thread-self/ns/uts");
                    int target = LinuxNative.openReadOnly(foreign.namespace("uts").toString());
                    try {
                        LinuxNative.setns(target, CLONE_NEWUTS, "foreign uts");
                        assertThat(NamespaceLinks.ofCurrentThread("uts")).isEqualTo(foreign.inode("uts"));
                        LinuxNative.setns(home, CLONE_NEWUTS, "home uts");
                    }
                    finally {
                        LinuxNative.closeQuietly(home);
                        LinuxNative.closeQuietly(target);
                    }
                })) {
            assertThat(Namspill.report().isUniform()).isTrue();
            assertThat(Namspill.tasks().tasks()).anySatisfy(task -> assertThat(task.tid()).isEqualTo(restored.tid()));
        }
    }

    @Test
    void aSpilledThreadThatEndsLeavesTheProcessUniformAgain() {
        SpillingThread leaky = SpillingThread.unsharing("short-lived-leak", CLONE_NEWUTS);
        assertThat(Namspill.report().isUniform()).isFalse();

        leaky.close();

        assertUniformEventually();
    }

    @Test
    void theSnapshotIsOfTheCurrentProcessAndHoldsEveryTaskIncludingJvmInternalOnes() {
        TaskSnapshot snapshot = Namspill.tasks();

        assertThat(snapshot.isOfCurrentProcess()).isTrue();
        assertThat(snapshot.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(snapshot.leader()).hasValueSatisfying(leader -> assertThat(leader.tid()).isEqualTo(snapshot.pid()));
        assertThat(snapshot.tasks()).extracting(Task::tid).contains(LinuxNative.gettid());
        // JVM-internal threads are tasks too, though no java.lang.Thread runs on them
        assertThat(snapshot.tasks().size()).isGreaterThan(Thread.getAllStackTraces().size());
        assertThat(snapshot.types()).contains("cgroup", "ipc", "mnt", "net", "pid", "pid_for_children", "user", "uts");
    }

    private static long inodeOfTask(int tid, String type) {
        return NamespaceLinks.inode(java.nio.file.Path.of("/proc/self/task/" + tid + "/ns/" + type));
    }

    private static void assertUniformEventually() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            SpillReport report = Namspill.report();
            assertThat(report.isUniform()).as(report::render).isTrue();
        });
    }
}
