package io.namspill.internal.jvm;

import java.nio.file.Path;

/** {@link ThreadLocator}s for tests. */
public final class TestLocators {

    private TestLocators() {
    }

    /** A locator that never names a task: its procfs has no tasks, as if every thread kept running. */
    public static ThreadLocator blind() {
        return new ThreadLocator(Path.of("/nonexistent/namspill/task"), 1);
    }
}
