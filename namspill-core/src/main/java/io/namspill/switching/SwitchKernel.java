package io.namspill.switching;

import io.namspill.internal.linux.LinuxNative;
import io.namspill.internal.trace.NamespaceTrace;
import io.namspill.snapshot.NamespaceType;

/**
 * The two kinds of {@code setns} a switch makes. {@link #LINUX} makes them; a test passes its own
 * to a {@link NamespaceSwitcher} to fail or record them.
 */
interface SwitchKernel {

    /** {@code setns} into the open namespace {@code fd}; {@code namespace} names it in errors. */
    void enter(int fd, NamespaceType type, String namespace);

    /** {@code setns} back into {@code fd}, the thread's namespace of {@code type} before the switch. */
    void restore(int fd, NamespaceType type);

    /**
     * The running kernel. Each call is announced to the origin trace first (where it runs), which
     * then answers it at once with the switching thread's own stack.
     */
    SwitchKernel LINUX = new SwitchKernel() {

        @Override
        public void enter(int fd, NamespaceType type, String namespace) {
            setns(fd, type, namespace);
        }

        @Override
        public void restore(int fd, NamespaceType type) {
            setns(fd, type, SwitchTarget.ownLink(type));
        }

        private void setns(int fd, NamespaceType type, String namespace) {
            int announced = NamespaceTrace.announce();
            try {
                LinuxNative.setns(fd, type.cloneFlag(), namespace);
            }
            finally {
                NamespaceTrace.withdraw(announced);
            }
        }
    };
}
