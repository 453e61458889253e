package io.namspill.switching;

import io.namspill.snapshot.NamespaceType;
import java.util.List;

/** The real {@code setns} calls, recorded as "enter net", "restore net" in the order they were made. */
class RecordingKernel implements SwitchKernel {

    private final List<String> calls;

    RecordingKernel(List<String> calls) {
        this.calls = calls;
    }

    void record(String call) {
        calls.add(call);
    }

    @Override
    public void enter(int fd, NamespaceType type, String namespace) {
        calls.add("enter " + type);
        SwitchKernel.LINUX.enter(fd, type, namespace);
    }

    @Override
    public void restore(int fd, NamespaceType type) {
        calls.add("restore " + type);
        SwitchKernel.LINUX.restore(fd, type);
    }
}
