package io.namspill.internal.jfr;

import io.namspill.trace.Origin;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * namspill's JFR events, {@code io.namspill.NamespaceLeak} and {@code io.namspill.NamespaceSwitch}.
 * The event classes extend {@code jdk.jfr.Event}; a JVM without the {@code jdk.jfr} module (a
 * jlinked runtime) must never load them, so every use goes through this class, which does not
 * link them unless the module is there. Emitting costs nothing while no recording is on.
 */
public final class JfrEvents {

    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private JfrEvents() {
    }

    /** Begins a switch event (its duration runs until {@link #endSwitch}); null without JFR. */
    public static @Nullable Object beginSwitch() {
        if (!AVAILABLE) {
            return null;
        }
        try {
            return Events.beginSwitch();
        }
        catch (LinkageError e) {
            return null;
        }
    }

    /** Ends and commits {@code event} from {@link #beginSwitch()}. */
    public static void endSwitch(@Nullable Object event, int tid, List<String> namespaces, List<String> types, boolean failed) {
        if (event != null) {
            Events.endSwitch(event, tid, String.join(", ", namespaces), String.join(", ", types), failed);
        }
    }

    /** A task first found leaked. */
    public static void leaked(int tid, String taskName, Optional<String> threadName, List<String> types,
            Optional<Origin> origin) {
        if (!AVAILABLE) {
            return;
        }
        try {
            Events.leaked(tid, taskName, threadName.orElse(null), String.join(", ", types), origin.orElse(null));
        }
        catch (LinkageError e) {
            // no JFR after all: nothing to record
        }
    }

    /** Loaded only where {@code jdk.jfr} is present. */
    private static final class Events {

        static Object beginSwitch() {
            NamespaceSwitchEvent event = new NamespaceSwitchEvent();
            event.begin();
            return event;
        }

        static void endSwitch(Object started, int tid, String namespaces, String types, boolean failed) {
            NamespaceSwitchEvent event = (NamespaceSwitchEvent) started;
            event.end();
            if (event.shouldCommit()) {
                event.tid = tid;
                event.namespaces = namespaces;
                event.types = types;
                event.failed = failed;
                event.commit();
            }
        }

        static void leaked(int tid, String taskName, @Nullable String threadName, String types, @Nullable Origin origin) {
            NamespaceLeakEvent event = new NamespaceLeakEvent();
            if (!event.shouldCommit()) {
                return;
            }
            event.tid = tid;
            event.taskName = taskName;
            event.javaThread = threadName;
            event.types = types;
            if (origin != null) {
                event.originSyscall = origin.syscall();
                event.originTypes = String.join(", ", origin.types());
                event.originTime = origin.time().toEpochMilli();
                event.originThread = origin.threadName().orElse(null);
                event.originStackTrace = String.join("\n", origin.stackTrace());
            }
            event.commit();
        }
    }
}
