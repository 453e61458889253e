package io.namspill.switching;

import io.namspill.snapshot.NamespaceType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Marks a thread whose switch back failed: it is stuck in foreign namespaces, so it refuses every
 * later switch and its error ends it where nothing catches it (a pool worker given work through
 * {@code execute()}).
 */
final class Poisoning {

    private static final ThreadLocal<PoisonedThreadError> POISONED = new ThreadLocal<>();

    private Poisoning() {
    }

    /** Throws if an earlier switch of the calling thread could not switch it back. */
    static void refuseIfPoisoned() {
        PoisonedThreadError poisoned = POISONED.get();
        if (poisoned != null) {
            throw new PoisonedThreadError("thread '" + Thread.currentThread().getName() + "' (tid " + poisoned.tid()
                    + ") is poisoned: an earlier switch could not switch it back, so it must not run other work",
                    poisoned.tid(), poisoned.unrestoredTypes(), poisoned);
        }
    }

    /** Poisons the calling thread for the switch-back failures {@code failed}; the error to throw. */
    static PoisonedThreadError poison(int tid, List<OpenNamespace> targets, Map<NamespaceType, Throwable> failed,
            Throwable pending) {
        String causes = failed.entrySet().stream()
                .map(e -> e.getKey() + ": " + SwitchRules.describe(e.getValue()))
                .collect(Collectors.joining("; "));
        PoisonedThreadError error = new PoisonedThreadError("thread '" + Thread.currentThread().getName() + "' (tid "
                + tid + ") could not be switched back after " + SwitchRules.describe(targets) + " (" + causes
                + "). It is stuck in foreign namespaces and must not run other work: this error ends it where"
                + " nothing catches it (a pool worker given the task through execute()), and namspill reports it as"
                + " leaked until it ends", tid, List.copyOf(failed.keySet()), failed.values().iterator().next());
        if (pending != null) {
            error.addSuppressed(pending);
        }
        POISONED.set(error);
        return error;
    }
}
