package io.namspill.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AttachTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aWrongCommandLineShowsTheUsage() {
        assertThat(run("attach")).isEqualTo(2);
        assertThat(run("attach", "1", "--fast")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar namspill-agent.jar attach PID [--trace]");
    }

    @Test
    void aPidThatIsNoNumberIsNamed() {
        assertThat(run("attach", "one")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("PID 'one': not a process id");
    }

    @Test
    void aProcessThatIsNoJvmIsNeverSignalled() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "600").start();
        try {
            assertThatIOException().isThrownBy(() -> Attach.attach(sleeper.pid(), Path.of("/tmp/namspill-agent.jar"), false))
                    .withMessageStartingWith("JVM " + sleeper.pid() + ": not a JVM (no libjvm.so");
            assertThat(sleeper.isAlive()).as("no SIGQUIT reached it").isTrue();
        }
        finally {
            sleeper.destroyForcibly().waitFor();
        }
    }

    private int run(String... args) {
        return Attach.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
