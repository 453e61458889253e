package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.testing.IdlePool;
import io.namspill.testing.Privileges;
import io.namspill.testing.RawJna;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code namspill.trace.enabled=true}: the endpoint's leak entry carries the {@code origin} of a
 * pool task that leaked through raw JNA (after it went back to idling), and the WARN line names
 * the call and the leaking method. In the {@code origin-trace} Surefire execution.
 */
@Tag("origin-trace")
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = NamspillTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "namspill.trace.enabled=true", "namspill.cache-ttl=0s", "management.endpoints.web.exposure.include=health,namspill",
        "namspill.endpoint.show-details=always" })
class NamspillTraceIntegrationTests {

    @RegisterExtension
    final LocalServerHttp server = new LocalServerHttp();

    @Test
    void theEndpointAndTheWarningNameTheCallAndTheMethodThatLeakedAPoolTask(CapturedOutput output) throws Exception {
        Privileges.assumeCanCreateNamespaces();
        Actuator actuator = this.server.actuator();
        try (IdlePool pool = new IdlePool("traced-pool")) {
            pool.run(NamspillTraceIntegrationTests::leakFromThePool);
            int tid = pool.strayWorker().task().tid();

            DocumentContext report = actuator.json("namspill");

            assertThat(report.read("$.trace.active", Boolean.class)).as(report.jsonString()).isTrue();
            DocumentContext entry = Actuator.entryOf(report, "$.leaks", tid);
            assertThat(entry.read("$.thread.state", String.class)).isEqualTo("WAITING");
            assertThat(entry.read("$.origin.syscall", String.class)).isEqualTo("unshare");
            List<String> types = entry.read("$.origin.types");
            assertThat(types).containsExactly("uts");
            assertThat(Instant.parse(entry.read("$.origin.time", String.class))).isBeforeOrEqualTo(Instant.now());
            List<String> frames = entry.read("$.origin.stackTrace");
            assertThat(frames).anyMatch(frame -> frame.startsWith(
                    NamspillTraceIntegrationTests.class.getName() + ".leakFromThePool(NamspillTraceIntegrationTests.java:"));
            await().until(() -> output.getOut().contains("Namespace leak by unshare(uts) in "
                    + NamspillTraceIntegrationTests.class.getName() + ".leakFromThePool(NamspillTraceIntegrationTests.java:"));
        }
    }

    private static Void leakFromThePool() {
        RawJna.LIBC.unshare(LinuxAbi.CLONE_NEWUTS);
        return null;
    }
}
