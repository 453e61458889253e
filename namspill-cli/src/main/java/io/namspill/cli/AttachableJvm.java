package io.namspill.cli;

import io.namspill.agent.Attach;
import java.util.Optional;

/** Whether this command may ask a process through the attach mechanism. */
final class AttachableJvm {

    private AttachableJvm() {
    }

    /** Why process {@code pid} cannot be attached to from here; empty where it is a JVM that may be asked. */
    static Optional<String> whyNot(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            return Optional.of("namspill does not attach to itself");
        }
        if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) {
            return Optional.of("this Java runtime has no jdk.attach module (run namspill on a JDK)");
        }
        return Attach.whyNotAttachable(pid);
    }
}
