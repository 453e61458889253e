package io.namspill.switching;

import io.namspill.internal.linux.Errno;
import io.namspill.internal.linux.NativeCallException;
import io.namspill.snapshot.NamespaceType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a switch refuses before any {@code setns}, and the words its failures use: the kernel's
 * rules for multithreaded processes, turned into messages that say what to do instead.
 */
final class SwitchRules {

    private SwitchRules() {
    }

    /** Refuses targets the calling thread cannot enter: a second one of a type, user, time, mnt in place. */
    static void check(List<OpenNamespace> targets, boolean throwaway) {
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

    static IllegalStateException virtualThreadRefused(Thread thread, List<SwitchTarget> targets) {
        return new IllegalStateException("cannot switch virtual thread " + thread + " into " + describe(targets)
                + " in place: setns would move its carrier, a platform thread shared by other virtual threads."
                + " Use Namespaces.into(...).callOnNewThread(...), which runs the work on a throwaway platform thread");
    }

    static NamespaceSwitchException leaderRefused(OpenNamespace target) {
        return refusal(target, "the thread-group leader's namespaces are the reference every other thread is"
                + " compared with; use callOnNewThread");
    }

    static NamespaceSwitchException refusal(OpenNamespace target, String why) {
        return new NamespaceSwitchException(target.toString(), "cannot switch into " + target + " (" + target.type()
                + "): " + why, 0, null);
    }

    static NamespaceSwitchException enterFailure(OpenNamespace target, RuntimeException e) {
        int errno = e instanceof NativeCallException n ? n.errno() : 0;
        return new NamespaceSwitchException(target.toString(), "cannot switch thread '"
                + Thread.currentThread().getName() + "' into " + target + " (" + target.type() + "): " + describe(e),
                errno, e);
    }

    static NamespaceSwitchException cannotSave(OpenNamespace target, String link, NativeCallException e) {
        return new NamespaceSwitchException(target.toString(), "cannot switch into " + target
                + ": the thread's current namespace " + link + " cannot be opened, so the thread could not be"
                + " switched back: " + Errno.describe(e.errno()), e.errno(), e);
    }

    static NamespaceSwitchException cannotUnshareFilesystem(OpenNamespace mnt, NativeCallException e) {
        return new NamespaceSwitchException(mnt.toString(), "cannot switch into " + mnt
                + ": unshare(CLONE_FS) failed: " + Errno.describe(e.errno()), e.errno(), e);
    }

    static String describe(Throwable e) {
        return e instanceof NativeCallException n ? "setns failed with " + Errno.describe(n.errno()) : e.toString();
    }

    static String describe(List<?> targets) {
        return targets.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
