package io.namspill;

import io.namspill.internal.linux.Errno;
import io.namspill.internal.linux.LinuxNative;
import io.namspill.internal.linux.NativeCallException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * How {@link NamespaceSwitch} switches: open the thread's current namespaces, {@code setns} into
 * the targets in order, run, switch back in reverse order, and mark the task as switched in
 * {@link SwitchRegistry} meanwhile.
 */
final class NamespaceSwitcher {

    /** The two kinds of {@code setns} a switch makes; tests replace it to fail or record them. */
    interface Kernel {

        void enter(int fd, NamespaceType type, String namespace);

        void restore(int fd, NamespaceType type);
    }

    static final Kernel LINUX = new Kernel() {

        @Override
        public void enter(int fd, NamespaceType type, String namespace) {
            LinuxNative.setns(fd, type.cloneFlag(), namespace);
        }

        @Override
        public void restore(int fd, NamespaceType type) {
            LinuxNative.setns(fd, type.cloneFlag(), "/proc/thread-self/ns/" + type.setnsLink());
        }
    };

    /** Test seam: the {@code setns} calls of every switch. */
    static volatile Kernel kernel = LINUX;

    /** Set on a thread whose switch back failed; it must not run other work. */
    private static final ThreadLocal<PoisonedThreadError> POISONED = new ThreadLocal<>();

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private static final Method IS_VIRTUAL = isVirtualMethod();

    private NamespaceSwitcher() {
    }

    /** Switches the calling platform thread, runs {@code work}, and switches it back. */
    static <T> T callInPlace(List<Object> targets, Callable<T> work) throws Exception {
        refusePoisoned();
        Thread thread = Thread.currentThread();
        if (isVirtual(thread)) {
            throw new IllegalStateException("cannot switch virtual thread " + thread + " into " + describe(targets)
                    + " in place: setns would move its carrier, a platform thread shared by other virtual threads."
                    + " Use Namespaces.into(...).callOnNewThread(...), which runs the work on a throwaway platform thread");
        }
        return withOpened(targets, false, opened -> {
            int tid = LinuxNative.gettid();
            if (tid == ProcessHandle.current().pid()) {
                throw refusal(opened.get(0), "the thread-group leader's namespaces are the reference every other"
                        + " thread is compared with; use callOnNewThread");
            }
            return switchAndCall(opened, work, tid, false);
        });
    }

    /**
     * Runs {@code work} on a fresh platform thread switched into the targets; that thread ends
     * afterwards. The caller waits for it, also when interrupted (the interrupt is passed on).
     */
    static <T> T callOnNewThread(List<Object> targets, Callable<T> work) throws Exception {
        refusePoisoned();
        Object[] outcome = new Object[2];
        Thread thread = new Thread(() -> {
            try {
                outcome[0] = withOpened(targets, true, opened -> {
                    if (opened.stream().anyMatch(o -> o.type() == NamespaceType.MNT)) {
                        unshareFilesystem(opened);
                    }
                    return switchAndCall(opened, work, LinuxNative.gettid(), true);
                });
            }
            catch (Throwable e) {
                outcome[1] = e;
            }
        }, "namspill-switch-" + THREAD_NUMBER.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        joinUninterruptibly(thread);
        // join() makes the thread's writes visible
        if (outcome[1] != null) {
            throw rethrowable((Throwable) outcome[1]);
        }
        @SuppressWarnings("unchecked")
        T result = (T) outcome[0];
        return result;
    }

    /** {@code setns} into every target, run, and switch back; never leaves the thread half-switched. */
    private static <T> T switchAndCall(List<OpenNamespace> targets, Callable<T> work, int tid, boolean throwaway)
            throws Exception {
        int[] saved = saveCurrent(targets);
        Kernel kernel = NamespaceSwitcher.kernel;
        SwitchRegistry.GLOBAL.enter(tid);
        try {
            int entered = 0;
            try {
                for (; entered < targets.size(); entered++) {
                    OpenNamespace target = targets.get(entered);
                    kernel.enter(target.descriptor(), target.type(), target.toString());
                }
            }
            catch (RuntimeException e) {
                NamespaceSwitchException failure = enterFailure(targets.get(entered), e);
                restore(targets, saved, entered, kernel, tid, throwaway, failure);
                throw failure;
            }
            catch (Error e) {
                restore(targets, saved, entered, kernel, tid, throwaway, e);
                throw e;
            }

            T result;
            try {
                result = work.call();
            }
            catch (Throwable e) {
                restore(targets, saved, targets.size(), kernel, tid, throwaway, e);
                throw e;
            }
            restore(targets, saved, targets.size(), kernel, tid, throwaway, null);
            return result;
        }
        finally {
            SwitchRegistry.GLOBAL.exit(tid);
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
    private static void restore(List<OpenNamespace> targets, int[] saved, int count, Kernel kernel, int tid,
            boolean throwaway, Throwable pending) {
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
        if (failed.isEmpty() || throwaway) {
            return;
        }
        Thread thread = Thread.currentThread();
        String causes = failed.entrySet().stream()
                .map(e -> e.getKey() + ": " + describe(e.getValue()))
                .collect(Collectors.joining("; "));
        PoisonedThreadError error = new PoisonedThreadError("thread '" + thread.getName() + "' (tid " + tid
                + ") could not be switched back after " + describe(targets.subList(0, count)) + " (" + causes
                + "). It is stuck in foreign namespaces and must not run other work: this error ends it where"
                + " nothing catches it (a pool worker given the task through execute()), and namspill reports it as"
                + " leaked until it ends", tid, List.copyOf(failed.keySet()), failed.values().iterator().next());
        if (pending != null) {
            error.addSuppressed(pending);
        }
        POISONED.set(error);
        throw error;
    }

    /** Opens the thread's current namespace of every target's type, to switch back to it later. */
    private static int[] saveCurrent(List<OpenNamespace> targets) {
        int[] saved = new int[targets.size()];
        Arrays.fill(saved, -1);
        for (int i = 0; i < saved.length; i++) {
            String link = "/proc/thread-self/ns/" + targets.get(i).type().setnsLink();
            try {
                saved[i] = LinuxNative.openReadOnly(link);
            }
            catch (NativeCallException e) {
                for (int fd : saved) {
                    LinuxNative.closeQuietly(fd);
                }
                throw new NamespaceSwitchException(targets.get(i).toString(), "cannot switch into " + targets.get(i)
                        + ": the thread's current namespace " + link + " cannot be opened, so the thread could not be"
                        + " switched back: " + Errno.describe(e.errno()), e.errno(), e);
            }
        }
        return saved;
    }

    /** The "in new thread" form must give a mount namespace switch a filesystem context of its own first. */
    private static void unshareFilesystem(List<OpenNamespace> targets) {
        try {
            LinuxNative.unshare(LinuxNative.CLONE_FS);
        }
        catch (NativeCallException e) {
            OpenNamespace mnt = targets.stream().filter(o -> o.type() == NamespaceType.MNT).findFirst().orElseThrow();
            throw new NamespaceSwitchException(mnt.toString(), "cannot switch into " + mnt
                    + ": unshare(CLONE_FS) failed: " + Errno.describe(e.errno()), e.errno(), e);
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
    private static <T> T withOpened(List<Object> targets, boolean throwaway, OpenedWork<T> work) throws Exception {
        List<OpenNamespace> opened = new ArrayList<>(targets.size());
        List<OpenNamespace> owned = new ArrayList<>();
        try {
            for (Object target : targets) {
                if (target instanceof OpenNamespace open) {
                    opened.add(open);
                }
                else {
                    OpenNamespace open = OpenNamespace.open((Path) target);
                    owned.add(open);
                    opened.add(open);
                }
            }
            check(opened, throwaway);
            return work.call(opened);
        }
        finally {
            owned.forEach(OpenNamespace::close);
        }
    }

    private static void check(List<OpenNamespace> targets, boolean throwaway) {
        Map<NamespaceType, OpenNamespace> seen = new EnumMap<>(NamespaceType.class);
        for (OpenNamespace target : targets) {
            OpenNamespace twin = seen.put(target.type(), target);
            if (twin != null) {
                throw refusal(target, "it is a second " + target.type() + " namespace beside " + twin
                        + "; give one namespace per type");
            }
            switch (target.type()) {
                case USER -> throw refusal(target, "a multithreaded process cannot enter a user namespace (setns(2)"
                        + " fails with EINVAL) and a JVM is always multithreaded; start a process in it instead"
                        + " (nsenter --user)");
                case TIME -> throw refusal(target, "a multithreaded process cannot enter a time namespace (setns(2)"
                        + " fails with EUSERS) and a JVM is always multithreaded; start a process in it instead"
                        + " (nsenter --time)");
                case MNT -> {
                    if (!throwaway) {
                        throw refusal(target, "entering a mount namespace needs a thread that shares its root and"
                                + " working directory with no other thread (setns(2) fails with EINVAL otherwise),"
                                + " which cannot be undone; use Namespaces.into(...).callOnNewThread(...), whose"
                                + " throwaway thread unshares CLONE_FS first");
                    }
                }
                default -> {
                }
            }
        }
    }

    private static NamespaceSwitchException refusal(OpenNamespace target, String why) {
        return new NamespaceSwitchException(target.toString(), "cannot switch into " + target + " (" + target.type()
                + "): " + why, 0, null);
    }

    private static NamespaceSwitchException enterFailure(OpenNamespace target, RuntimeException e) {
        int errno = e instanceof NativeCallException n ? n.errno() : 0;
        return new NamespaceSwitchException(target.toString(), "cannot switch thread '" + Thread.currentThread().getName()
                + "' into " + target + " (" + target.type() + "): " + describe(e), errno, e);
    }

    private static String describe(Throwable e) {
        return e instanceof NativeCallException n ? "setns failed with " + Errno.describe(n.errno()) : e.toString();
    }

    private static String describe(List<?> targets) {
        return targets.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static void refusePoisoned() {
        PoisonedThreadError poisoned = POISONED.get();
        if (poisoned != null) {
            throw new PoisonedThreadError("thread '" + Thread.currentThread().getName() + "' (tid " + poisoned.tid()
                    + ") is poisoned: an earlier switch could not switch it back, so it must not run other work",
                    poisoned.tid(), poisoned.unrestoredTypes(), poisoned);
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            }
            catch (InterruptedException e) {
                // The work runs on; ask it to stop, and return only when it has.
                interrupted = true;
                thread.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Exception rethrowable(Throwable e) {
        if (e instanceof Error error) {
            throw error;
        }
        return e instanceof Exception exception ? exception : new UndeclaredThrowableException(e);
    }

    /** Whether {@code thread} is virtual; false before JDK 21. Reflective: the bytecode baseline is 17. */
    static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invoke(thread);
        }
        catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static Method isVirtualMethod() {
        try {
            return Thread.class.getMethod("isVirtual");
        }
        catch (NoSuchMethodException e) {
            return null;
        }
    }
}
