package io.namspill.cli;

import com.sun.jna.Native;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link LeakyJvm} in a JVM of its own, with JNA and no namspill on its class path. */
final class TargetJvm {

    private TargetJvm() {
    }

    static Target start(String... jvmOptions) throws IOException, URISyntaxException {
        return Target.start(command(new ArrayList<>(), jvmOptions));
    }

    /**
     * Starts it as in a container: in a pid namespace of its own (with its own {@code /proc}),
     * under {@code unshare}, whose pid the target has; the JVM is its child.
     */
    static Target startInPidNamespace() throws IOException, URISyntaxException {
        return Target.start(command(new ArrayList<>(List.of("unshare", "--pid", "--fork", "--kill-child", "--mount-proc"))));
    }

    private static List<String> command(List<String> command, String... jvmOptions) throws URISyntaxException {
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(location(LeakyJvm.class) + java.io.File.pathSeparator + location(Native.class));
        command.add(LeakyJvm.class.getName());
        return command;
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
