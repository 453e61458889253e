package io.namspill.internal.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.namspill.internal.linux.FileCalls;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.report.SpillReport;
import io.namspill.snapshot.Task;
import io.namspill.snapshot.TaskId;
import io.namspill.snapshot.TaskScanner;
import io.namspill.snapshot.TaskSnapshot;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.ParkedThreads;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;
import io.namspill.testing.TaskExits;
import io.namspill.testing.ThreadChurn;
import io.namspill.testing.TidReuse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scan of {@code /proc} through descriptors ({@link NativeTaskTree}) against what reading by
 * path ({@link NioTaskTree}) sees, and the contract's edge cases on real tasks.
 */
class DescriptorScanTests {

    /** {@code /proc} spelled so that it is not {@link TaskScanner#DEFAULT_PROCFS}: the scan reads it by path. */
    private static final Path PROC_BY_PATH = Path.of("/proc/.");

    private final ProcfsScan byDescriptor = ProcfsScan.of(ProcfsScan.PROC);
    /** Reads name and start time of every task, as reading by path does. */
    private final ProcfsScan detailedByDescriptor = byDescriptor.detailed();
    private final TaskScanner byPath = new TaskScanner(PROC_BY_PATH);

    @BeforeEach
    void nativeCallsAreAvailable() {
        Privileges.assumeNativeFileCalls();
    }

    @Test
    void readsWhatReadingByPathReads() throws Exception {
        try (ParkedThreads parked = new ParkedThreads(20, "parked-")) {
            TaskSnapshot fast = detailedByDescriptor.scan();
            TaskSnapshot slow = byPath.scan();

            assertThat(fast.isSupported()).as("%s", fast).isTrue();
            assertThat(fast.types()).isEqualTo(slow.types()).contains("net", "pid", "pid_for_children", "user");
            assertThat(fast.pid()).isEqualTo(slow.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(fast.isOfCurrentProcess()).isTrue();
            Map<Integer, String> fastParked = describeParked(fast);
            assertThat(fastParked).hasSize(20).isEqualTo(describeParked(slow));
            assertThat(describe(fast.leader().orElseThrow())).isEqualTo(describe(slow.leader().orElseThrow()));
        }
    }

    @Test
    void readsNameAndStartTimeOnlyWhereAReportCouldFlagTheTask() throws Exception {
        try (ParkedThreads parked = new ParkedThreads(20, "parked-")) {
            TaskSnapshot lean = byDescriptor.scan();
            TaskSnapshot detailed = detailedByDescriptor.scan();

            Map<Integer, Task> detailedByTid = detailed.tasks().stream().collect(Collectors.toMap(Task::tid, t -> t));
            for (Task task : lean.tasks()) {
                Task full = detailedByTid.get(task.tid());
                if (full == null) {
                    continue; // a JVM thread that came or went between the scans
                }
                assertThat(task.namespaces()).as("%s", task).isEqualTo(full.namespaces());
                if (task.isLeader()) {
                    assertThat(task.isDetailed()).isTrue();
                    assertThat(task.id()).isEqualTo(full.id());
                    assertThat(task.name()).isEqualTo(full.name()).isNotEmpty();
                    assertThat(task.startTime()).isNotEmpty();
                }
                else {
                    // Attached to the leader's namespaces in every type: nothing to report, nothing read.
                    assertThat(task.isDetailed()).as("%s", task).isFalse();
                    assertThat(task.id()).isEqualTo(new TaskId(task.tid(), -1));
                    assertThat(task.name()).isEmpty();
                    assertThat(task.startTime()).isEmpty();
                }
            }
            assertThat(detailed.tasks()).allMatch(Task::isDetailed);
        }
    }

    @Test
    void readsEveryTypeOfEveryTaskInTidOrder() {
        TaskSnapshot snapshot = detailedByDescriptor.scan();

        List<Integer> tids = snapshot.tasks().stream().map(Task::tid).toList();
        assertThat(tids).isSorted().doesNotHaveDuplicates().contains((int) snapshot.pid(), LinuxNative.gettid());
        for (Task task : snapshot.tasks()) {
            assertThat(task.namespaces().keySet()).as("%s", task).containsExactlyElementsOf(snapshot.types());
            assertThat(task.id().startTime()).as("%s", task).isPositive();
            assertThat(task.name()).as("%s", task).isNotEmpty();
        }
        Task self = snapshot.tasks().stream().filter(t -> t.tid() == LinuxNative.gettid()).findFirst().orElseThrow();
        assertThat(self.namespace("net")).hasValue(NamespaceLinks.ofCurrentThread("net"));
    }

    @Test
    void listsEveryTaskOfAProcessWithOverAThousandThreadsOnceInTidOrder() throws Exception {
        // More tids than two blocks of the tid list hold.
        try (ParkedThreads parked = new ParkedThreads(1_100, "many-")) {
            TaskSnapshot snapshot = detailedByDescriptor.scan();

            List<Integer> tids = snapshot.tasks().stream().map(Task::tid).toList();
            assertThat(tids).isSorted().doesNotHaveDuplicates();
            assertThat(snapshot.tasks()).filteredOn(t -> t.name().orElse("").startsWith("many-")).hasSize(1_100);
        }
    }

    @Test
    void theSnapshotsTaskListCannotBeChanged() {
        List<Task> tasks = byDescriptor.scan().tasks();

        assertThat(tasks).isNotEmpty().doesNotContainNull();
        assertThatThrownBy(() -> tasks.set(0, tasks.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> tasks.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void takesTheTaskNameFromTheStatLineAsTheCommFileHasIt() throws Exception {
        AtomicReference<Integer> tid = new AtomicReference<>();
        // Parentheses and spaces in a name: the stat line must be split at the last ')'.
        String name = "a) (b c)";
        try (SpillingThread odd = SpillingThread.start(name, () -> tid.set(LinuxNative.gettid()))) {
            Task fast = taskOf(detailedByDescriptor.scan(), odd.tid());
            Task slow = taskOf(byPath.scan(), odd.tid());
            String comm = Files.readString(Path.of("/proc/self/task/" + odd.tid() + "/comm")).strip();

            assertThat(comm).isEqualTo(name);
            assertThat(fast.name()).isEqualTo(slow.name()).contains(comm);
            assertThat(fast.id()).isEqualTo(slow.id());
        }
    }

    /** {@code cgroup} is the first type a task's links are compared in, {@code uts} the last. */
    @ParameterizedTest
    @ValueSource(strings = { "cgroup", "uts" })
    void seesAThreadThatSpilledInTheFirstOrTheLastTypeCompared(String type) {
        Privileges.assumeCanCreateNamespaces();
        int cloneFlag = type.equals("cgroup") ? LinuxAbi.CLONE_NEWCGROUP : LinuxAbi.CLONE_NEWUTS;
        try (SpillingThread spilled = SpillingThread.unsharing("spilled-" + type, cloneFlag)) {
            TaskSnapshot snapshot = byDescriptor.scan();
            Task task = taskOf(snapshot, spilled.tid());
            Task leader = snapshot.leader().orElseThrow();

            assertThat(snapshot.types().get(0)).isEqualTo("cgroup");
            assertThat(snapshot.types().get(snapshot.types().size() - 1)).isEqualTo("uts");
            assertThat(task.namespace(type)).isNotEqualTo(leader.namespace(type)).isPresent();
            assertThat(task.namespace("net")).isEqualTo(leader.namespace("net"));
            // A task a report flags is read whole, its identity from the same pinned task.
            assertThat(task.isDetailed()).isTrue();
            assertThat(task.name()).contains("spilled-" + type);
            assertThat(task.id()).isEqualTo(taskOf(byPath.scan(), spilled.tid()).id());
            assertThat(SpillReport.of(snapshot).spilledTasks()).extracting(s -> s.task().tid()).contains(spilled.tid());
        }
    }

    @Test
    void aLinkThatCannotBeReadWhileItsTaskLivesIsUnknown() {
        Privileges.assumeCanCreateNamespaces();
        // After unshare(CLONE_NEWPID) and before a first child, pid_for_children reads ENOENT.
        try (SpillingThread pidUnshared = SpillingThread.unsharing("pid-unshared", LinuxAbi.CLONE_NEWPID)) {
            Task fast = taskOf(byDescriptor.scan(), pidUnshared.tid());
            Task slow = taskOf(byPath.scan(), pidUnshared.tid());

            assertThat(fast.unknownTypes()).containsExactly("pid_for_children").isEqualTo(slow.unknownTypes());
            assertThat(fast.namespace("net")).isPresent();
            // Unknown is no spill, but the task is read whole: its name and start time are there.
            assertThat(fast.isDetailed()).isTrue();
            assertThat(fast.name()).contains("pid-unshared");
            assertThat(fast.id()).isEqualTo(slow.id());
        }
    }

    @Test
    void skipsTasksThatEndWhileTheScanReadsThem() {
        Set<Integer> before = byDescriptor.scan().tasks().stream().map(Task::tid).collect(Collectors.toSet());
        int churnTasksSeen = readWhileThreadsChurn(byDescriptor, task -> {
            // Read whole or not at all, also where only the links are read: none lost while exiting.
            assertThat(task.unknownTypes()).as("%s", task).isEmpty();
            boolean churning = !before.contains(task.tid());
            if (churning) {
                assertThat(task.isDetailed()).as("a uniform task: %s", task).isFalse();
            }
            return churning;
        });
        assertThat(churnTasksSeen).as("churning tasks the scans read").isPositive();
    }

    @Test
    void skipsTasksThatEndWhileADetailedScanReadsThem() {
        int churnTasksSeen = readWhileThreadsChurn(detailedByDescriptor, task -> {
            boolean churning = task.name().orElse("").startsWith("churn");
            if (churning) {
                // Read whole or not at all: never a task with the links it lost while exiting.
                assertThat(task.unknownTypes()).as("%s", task).isEmpty();
                assertThat(task.id().startTime()).as("%s", task).isPositive();
            }
            return churning;
        });
        assertThat(churnTasksSeen).as("churning tasks the scans read").isPositive();
    }

    /**
     * Scans 300 times while threads start and end; {@code check} checks each task read and says
     * whether it is a churning one. Returns how many churning tasks the scans read.
     */
    private static int readWhileThreadsChurn(ProcfsScan scan, Predicate<Task> check) {
        int churnTasksSeen = 0;
        try (ThreadChurn churn = ThreadChurn.start()) {
            for (int i = 0; i < 300; i++) {
                TaskSnapshot snapshot = scan.scan();
                assertThat(snapshot.isSupported()).as("%s", snapshot).isTrue();
                for (Task task : snapshot.tasks()) {
                    churnTasksSeen += check.test(task) ? 1 : 0;
                }
            }
        }
        return churnTasksSeen;
    }

    @Test
    void aTaskInTheLeadersNamespacesIsSettledByItsLinksByPathAndASpilledOneIsNot() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        try (NativeTaskTree tree = NativeTaskTree.open(TaskTree.SELF);
                SpillingThread uniform = SpillingThread.start("uniform", () -> { });
                SpillingThread spilled = SpillingThread.unsharing("spilled-net", LinuxAbi.CLONE_NEWNET)) {
            assertThat(tree).isNotNull();
            ScanContext scan = new ScanContext(tree.pid, tree.types, SwitchRegistry.GLOBAL, 0);
            try (NativeTaskReader reader = (NativeTaskReader) tree.reader(scan)) {
                assertThat(reader.readLeader(tree.pid)).isNotNull();
                LeaderLinks leader = reader.leaderLinks();
                assertThat(leader.hasTextOfEveryReadType()).isTrue();

                assertThat(reader.hasLeaderLinks(uniform.tid(), leader)).isTrue();
                assertThat(reader.hasLeaderLinks(spilled.tid(), leader)).isFalse();
                assertThat(reader.hasLeaderLinks(LinuxNative.gettid(), leader)).isTrue();
            }
        }
    }

    @Test
    void aLeaderWithoutTheTextOfATypeReadPerTaskLeavesEveryTaskToItsDescriptor() {
        List<String> types = List.of("net", "pid", "uts");
        byte[][] texts = { "net:[1]".getBytes(), "pid:[2]".getBytes(), null };
        // pid is copied from the leader; uts is read per task, and the leader's is unknown.
        assertThat(new LeaderLinks(types, new long[] { 1, 2, 0 }, texts).hasTextOfEveryReadType()).isFalse();
        byte[][] everyText = { "net:[1]".getBytes(), "pid:[2]".getBytes(), "uts:[3]".getBytes() };
        assertThat(new LeaderLinks(types, new long[] { 1, 2, 3 }, everyText).hasTextOfEveryReadType()).isTrue();
        // A copied type needs no text: pid's is not compared.
        byte[][] noPidText = { "net:[1]".getBytes(), null, "uts:[3]".getBytes() };
        assertThat(new LeaderLinks(types, new long[] { 1, 2, 3 }, noPidText).hasTextOfEveryReadType()).isTrue();
    }

    @Test
    void aTaskThatEndsAfterItsDescriptorWasOpenedVanishesWhole() throws Exception {
        try (NativeTaskTree tree = NativeTaskTree.open(TaskTree.SELF)) {
            assertThat(tree).isNotNull();
            ScanContext scan = new ScanContext(tree.pid, tree.types, SwitchRegistry.GLOBAL, 0);
            try (NativeTaskReader reader = (NativeTaskReader) tree.reader(scan)) {
                // As a scan reads: the leader first, every other task compared with its links.
                assertThat(reader.readLeader(tree.pid)).isNotNull();
                assertThat(reader.leaderLinks()).isNotNull();
                AtomicReference<Integer> tid = new AtomicReference<>();
                Thread brief = new Thread(() -> tid.set(LinuxNative.gettid()), "brief");
                brief.start();
                brief.join();
                TaskExits.await(tid.get());
                // Ended before it is read at all: the ns directory cannot be opened.
                assertThat(reader.read(tid.get())).isNull();

                SpillingThread ending = SpillingThread.start("ending", () -> { });
                int nsFd = reader.openNamespaces(ending.tid());
                assertThat(nsFd).isNotNegative();
                try {
                    ending.close();
                    TaskExits.await(ending.tid());
                    // Ended between the descriptor and the reads: every read through it fails, and it is not half a task.
                    assertThat(reader.read(ending.tid(), nsFd)).isNull();
                }
                finally {
                    FileCalls.close(nsFd);
                }
                assertThat(reader.read(LinuxNative.gettid())).isNotNull();
            }
        }
    }

    @Test
    void aTidReusedWhileItsOldTaskWasBeingReadIsNeverMixedWithIt() throws Exception {
        Privileges.assumeCanReuseTids();
        try (NativeTaskTree tree = NativeTaskTree.open(TaskTree.SELF)) {
            assertThat(tree).isNotNull();
            ScanContext scan = new ScanContext(tree.pid, tree.types, SwitchRegistry.GLOBAL, 0);
            try (NativeTaskReader reader = (NativeTaskReader) tree.reader(scan)) {
                assertThat(reader.readLeader(tree.pid)).isNotNull();
                boolean reused = false;
                // Another process of the machine may take the freed tid first: then start over on another.
                for (int attempt = 0; attempt < 20 && !reused; attempt++) {
                    reused = readAcrossTidReuse(reader);
                }
                assertThat(reused).as("a tid was reused").isTrue();
            }
        }
    }

    private boolean readAcrossTidReuse(NativeTaskReader reader) throws Exception {
        SpillingThread old = SpillingThread.unsharing("reuse-old", LinuxAbi.CLONE_NEWUTS);
        int tid = old.tid();
        long oldUts = NamespaceLinks.ofTask(tid, "uts");
        int nsFd = reader.openNamespaces(tid);
        assertThat(nsFd).isNotNegative();
        try {
            old.close();
            TaskExits.await(tid);
            // The new task spills another type: the old one's uts inode may be recycled.
            try (SpillingThread reuser = TidReuse.spillOnTid(tid, "reuse-new", LinuxAbi.CLONE_NEWIPC)) {
                if (reuser.tid() != tid) {
                    return false;
                }
                // Through the old task's descriptor nothing of the new task is read.
                assertThat(reader.read(tid, nsFd)).isNull();
                // Read afresh, the tid is the new task, whole: its links, name and start time.
                Task fresh = reader.read(tid);
                assertThat(fresh).isNotNull();
                assertThat(fresh.namespace("uts")).hasValue(NamespaceLinks.ofLeader("uts"))
                        .isNotEqualTo(java.util.OptionalLong.of(oldUts));
                assertThat(fresh.namespace("ipc")).hasValue(NamespaceLinks.ofTask(tid, "ipc"))
                        .isNotEqualTo(java.util.OptionalLong.of(NamespaceLinks.ofLeader("ipc")));
                assertThat(fresh.name()).contains("reuse-new");
                assertThat(fresh.id()).isEqualTo(taskOf(byPath.scan(), tid).id());
                return true;
            }
        }
        finally {
            FileCalls.close(nsFd);
        }
    }

    @Test
    void readsAnotherProcfsRootByPath(@TempDir Path root) throws IOException {
        Path task = Files.createDirectories(root.resolve("42/task/42/ns"));
        Files.createSymbolicLink(root.resolve("self"), Path.of("42"));
        Files.writeString(task.resolveSibling("stat"), "42 (fixture) S 1 42 42 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 777 0 0\n");
        Files.writeString(task.resolveSibling("comm"), "from-comm\n");
        Files.createSymbolicLink(task.resolve("net"), Path.of("net:[4026531840]"));
        Files.createSymbolicLink(task.resolve("uts"), Path.of("uts:[4026531838]"));

        TaskSnapshot snapshot = new TaskScanner(root).scan();

        assertThat(snapshot.isSupported()).as("%s", snapshot).isTrue();
        assertThat(snapshot.isOfCurrentProcess()).isFalse();
        Task leader = snapshot.leader().orElseThrow();
        assertThat(leader.id()).isEqualTo(new TaskId(42, 777));
        assertThat(leader.name()).contains("from-comm");
        assertThat(leader.namespaces()).containsExactly(Map.entry("net", 4026531840L), Map.entry("uts", 4026531838L));
    }

    private static Task taskOf(TaskSnapshot snapshot, int tid) {
        assertThat(snapshot.isSupported()).as("%s", snapshot).isTrue();
        return snapshot.tasks().stream().filter(t -> t.tid() == tid).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + tid + " in " + snapshot.tasks()));
    }

    private static Map<Integer, String> describeParked(TaskSnapshot snapshot) {
        return snapshot.tasks().stream().filter(t -> t.name().orElse("").startsWith("parked-"))
                .collect(Collectors.toMap(Task::tid, DescriptorScanTests::describe));
    }

    private static String describe(Task task) {
        return task.id() + " " + task.name().orElse("") + " leader=" + task.isLeader() + " " + task.namespaces() + " unknown="
                + task.unknownTypes();
    }
}
