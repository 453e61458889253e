package io.namspill.it;

import io.namspill.internal.linux.LinuxAbi;
import io.namspill.testing.Privileges;
import io.namspill.testing.SpillingThread;

/** The real leak most HTTP tests look at. */
final class Leaks {

    private Leaks() {
    }

    /**
     * A thread named {@code name} left in a UTS namespace of its own until closed; skips the test
     * where namespaces cannot be created.
     */
    static SpillingThread uts(String name) {
        Privileges.assumeCanCreateNamespaces();
        return SpillingThread.unsharing(name, LinuxAbi.CLONE_NEWUTS);
    }
}
