package io.namspill.switching;

import io.namspill.internal.procfs.SwitchRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The forms of {@link io.namspill.Namespaces}, made through a {@link NamespaceSwitcher} with the
 * kernel a test passes in: the same switches, with {@code setns} calls that fail or are recorded.
 * The registry is the process-wide one, so that scans see these switches as the API's.
 */
final class TestSwitches {

    private final NamespaceSwitcher switcher;

    private TestSwitches(SwitchKernel kernel) {
        this.switcher = new NamespaceSwitcher(kernel, SwitchRegistry.GLOBAL);
    }

    static TestSwitches with(SwitchKernel kernel) {
        return new TestSwitches(kernel);
    }

    <T> T call(Path namespace, Callable<T> work) throws Exception {
        return into(namespace).call(work);
    }

    void run(Path namespace, Runnable work) {
        into(namespace).run(work);
    }

    Into into(Path... namespaces) {
        return new Into(List.of(namespaces));
    }

    /** A switch into several namespaces, as {@link io.namspill.switching.NamespaceSwitch}. */
    final class Into {

        private final List<SwitchTarget> targets;

        private Into(List<Path> targets) {
            this.targets = targets.stream().map(SwitchTarget::of).toList();
        }

        <T> T call(Callable<T> work) throws Exception {
            return switcher.callInPlace(targets, work);
        }

        void run(Runnable work) {
            NamespaceSwitch.run(this::call, work);
        }

        <T> T callOnNewThread(Callable<T> work) throws Exception {
            return switcher.callOnNewThread(targets, work);
        }
    }
}
