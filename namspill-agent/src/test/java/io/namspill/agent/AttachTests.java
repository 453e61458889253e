package io.namspill.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private int run(String... args) {
        return Attach.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
