package io.namspill;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.monitor.MonitorResult;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.snapshot.TaskSnapshot;
import io.namspill.trace.TraceStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * JDK 24+ restricts native access, and a later JDK will deny it by default. Detection must keep
 * working there, without a warning and without JNA: a child JVM with
 * {@code --illegal-native-access=deny} (and no {@code --enable-native-access}) scans and monitors.
 */
@EnabledForJreRange(min = JRE.JAVA_24)
class NativeAccessDeniedTests {

    @Test
    void detectionWorksWithoutNativeAccessAndPrintsNoWarning() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "--illegal-native-access=deny", "-cp",
                System.getProperty("java.class.path"), Child.class.getName()))
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("snapshot supported=true", "monitor supported=true scans=1",
                        "trace active=false reason=the origin trace cannot make native calls: native access is not enabled")
                .doesNotContain("WARNING", "Exception");
    }

    /** What an application that only detects does, in a JVM that denies native access. */
    public static final class Child {
        public static void main(String[] args) {
            TraceStatus trace = Namspill.enableTrace();
            System.out.println("trace active=" + trace.active() + " reason=" + trace.reason());
            TaskSnapshot snapshot = Namspill.tasks();
            System.out.println("snapshot supported=" + snapshot.isSupported() + " tasks=" + snapshot.tasks().size());
            try (NamespaceMonitor monitor = NamespaceMonitor.builder().build()) {
                MonitorResult result = monitor.current();
                monitor.current();
                System.out.println("monitor supported=" + result.isSupported() + " scans=" + monitor.scanCount()
                        + " uniform=" + result.report().isUniform());
            }
        }
    }
}
