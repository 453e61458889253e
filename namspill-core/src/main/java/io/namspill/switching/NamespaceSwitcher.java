package io.namspill.switching;

import io.namspill.internal.jvm.VirtualThreads;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.internal.linux.NativeCallException;
import io.namspill.internal.procfs.SwitchRegistry;
import io.namspill.internal.jfr.JfrEvents;
import io.namspill.internal.trace.NamespaceTrace;
import io.namspill.snapshot.NamespaceType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * How a {@link io.namspill.switching.NamespaceSwitch} switches: open the thread's current
 * namespaces, {@code setns} into the targets in order, run, switch back in reverse order, and mark
 * the task as switched in the {@link SwitchRegistry} meanwhile. The rules are in
 * {@link SwitchRules}, the poisoning of a thread that cannot switch back in {@link Poisoning}.
 *
 * <p>Tests make their own with a {@link SwitchKernel} that
 * fails or records; {@link #LINUX} is the one the API uses.
 */
final class NamespaceSwitcher {

    /** The running kernel, marking switches in the registry every scan reads. */
    public static final NamespaceSwitcher LINUX = new NamespaceSwitcher(SwitchKernel.LINUX, SwitchRegistry.GLOBAL);

    private final SwitchKernel kernel;
    private final SwitchRegistry switches;

    public NamespaceSwitcher(SwitchKernel kernel, SwitchRegistry switches) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.switches = Objects.requireNonNull(switches, "switches");
    }

    /** Switches the calling platform thread into {@code targets}, runs {@code work}, and switches it back. */
    <T> T callInPlace(List<SwitchTarget> targets, Callable<T> work) throws Exception {
        Poisoning.refuseIfPoisoned();
        Thread thread = Thread.currentThread();
        if (VirtualThreads.isVirtual(thread)) {
            throw SwitchRules.virtualThreadRefused(thread, targets);
        }
        return withOpened(targets, false, opened -> {
            int tid = LinuxNative.gettid();
            if (tid == ProcessHandle.current().pid()) {
                throw SwitchRules.leaderRefused(opened.get(0));
            }
            return switchAndCall(opened, work, tid, false);
        });
    }

    /** Runs {@code work} on a throwaway platform thread switched into {@code targets}. */
    <T> T callOnNewThread(List<SwitchTarget> targets, Callable<T> work) throws Exception {
        Poisoning.refuseIfPoisoned();
        return ThrowawayThread.call(() -> withOpened(targets, true, opened -> {
            unshareFilesystemForMnt(opened);
            return switchAndCall(opened, work, LinuxNative.gettid(), true);
        }));
    }

    /**
     * Moves the calling thread into {@code target} for good, with no way back and not marked as
     * switched: for a thread that must run where it was not born ({@link ReferenceThreadFactory}).
     */
    void enterForGood(SwitchTarget target) throws Exception {
        withOpened(List.of(target), true, opened -> {
            unshareFilesystemForMnt(opened);
            try {
                enter(opened.get(0));
            }
            catch (RuntimeException e) {
                throw SwitchRules.enterFailure(opened.get(0), e);
            }
            return null;
        });
    }

    private void enter(OpenNamespace target) {
        kernel.enter(target.descriptor(), target.type(), target.toString());
    }

    /** {@code setns} into every target, run, and switch back; never leaves the thread half-switched. */
    private <T> T switchAndCall(List<OpenNamespace> targets, Callable<T> work, int tid, boolean throwaway)
            throws Exception {
        int[] saved = saveCurrent(targets);
        Object event = JfrEvents.beginSwitch();
        boolean failed = true;
        switches.enter(tid);
        try {
            int entered = 0;
            try {
                for (; entered < targets.size(); entered++) {
                    enter(targets.get(entered));
                }
            }
            catch (RuntimeException e) {
                NamespaceSwitchException failure = SwitchRules.enterFailure(targets.get(entered), e);
                restore(targets, saved, entered, tid, throwaway, failure);
                throw failure;
            }
            catch (Error e) {
                restore(targets, saved, entered, tid, throwaway, e);
                throw e;
            }

            T result;
            try {
                result = work.call();
            }
            catch (Throwable e) {
                restore(targets, saved, targets.size(), tid, throwaway, e);
                failed = false; // the work failed, the switch did not: entered and back
                throw e;
            }
            restore(targets, saved, targets.size(), tid, throwaway, null);
            failed = false;
            return result;
        }
        finally {
            switches.exit(tid);
            JfrEvents.endSwitch(event, tid, targets.stream().map(OpenNamespace::toString).toList(),
                    targets.stream().map(target -> target.type().typeName()).toList(), failed);
            for (int fd : saved) {
                LinuxNative.closeQuietly(fd);
            }
        }
    }

    /**
     * Switches back the first {@code count} targets in reverse order; tries every one even after
     * a failure, then poisons the thread if any failed. A throwaway thread is ending anyway: no
     * poison there, the work's outcome counts.
     */
    private void restore(List<OpenNamespace> targets, int[] saved, int count, int tid, boolean throwaway,
            Throwable pending) {
        Map<NamespaceType, Throwable> failed = new EnumMap<>(NamespaceType.class);
        for (int i = count - 1; i >= 0; i--) {
            NamespaceType type = targets.get(i).type();
            try {
                kernel.restore(saved[i], type);
            }
            catch (RuntimeException | Error e) {
                failed.put(type, e);
            }
        }
        if (!failed.isEmpty() && !throwaway) {
            throw Poisoning.poison(tid, targets.subList(0, count), failed, pending);
        }
    }

    /** Opens the thread's current namespace of every target's type, to switch back to it later. */
    private static int[] saveCurrent(List<OpenNamespace> targets) {
        int[] saved = new int[targets.size()];
        Arrays.fill(saved, -1);
        for (int i = 0; i < saved.length; i++) {
            String link = SwitchTarget.ownLink(targets.get(i).type());
            try {
                saved[i] = LinuxNative.openReadOnly(link);
            }
            catch (NativeCallException e) {
                for (int fd : saved) {
                    LinuxNative.closeQuietly(fd);
                }
                throw SwitchRules.cannotSave(targets.get(i), link, e);
            }
        }
        return saved;
    }

    /** A thread that enters a mount namespace needs a filesystem context of its own first. */
    private static void unshareFilesystemForMnt(List<OpenNamespace> targets) {
        if (targets.stream().noneMatch(o -> o.type() == NamespaceType.MNT)) {
            return;
        }
        int announced = NamespaceTrace.announce();
        try {
            LinuxNative.unshare(LinuxAbi.CLONE_FS);
        }
        catch (NativeCallException e) {
            OpenNamespace mnt = targets.stream().filter(o -> o.type() == NamespaceType.MNT).findFirst().orElseThrow();
            throw SwitchRules.cannotUnshareFilesystem(mnt, e);
        }
        finally {
            NamespaceTrace.withdraw(announced);
        }
    }

    @FunctionalInterface
    private interface OpenedWork<T> {
        T call(List<OpenNamespace> opened) throws Exception;
    }

    /**
     * Opens the targets given as paths (closing them afterwards), takes those given open as they
     * are, and refuses what the calling thread cannot enter before any {@code setns}.
     */
    private static <T> T withOpened(List<SwitchTarget> targets, boolean throwaway, OpenedWork<T> work) throws Exception {
        List<OpenNamespace> opened = new ArrayList<>(targets.size());
        List<OpenNamespace> owned = new ArrayList<>();
        try {
            for (SwitchTarget target : targets) {
                OpenNamespace open = target.openForSwitch();
                opened.add(open);
                if (target.closeAfterSwitch()) {
                    owned.add(open);
                }
            }
            SwitchRules.check(opened, throwaway);
            return work.call(opened);
        }
        finally {
            owned.forEach(OpenNamespace::close);
        }
    }
}
