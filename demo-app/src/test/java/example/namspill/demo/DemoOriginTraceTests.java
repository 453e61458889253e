package example.namspill.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.namspill.testing.Privileges;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The demo with {@code namspill.trace.enabled=true}: {@code /actuator/namspill} names the line of
 * {@code LeakyPool} that leaked, while the pool thread idles. In the {@code origin-trace} Surefire
 * execution: the trace stays for the JVM's life.
 */
@Tag("origin-trace")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "namspill.cache-ttl=0s", "namspill.trace.enabled=true" })
class DemoOriginTraceTests {

    @LocalServerPort
    int port;

    @Test
    void theEndpointNamesTheLineOfLeakyPoolThatLeaked() throws Exception {
        Privileges.assumeCanRestoreNamespaces();
        DemoHttp http = new DemoHttp(port);
        try {
            DemoHttp.Answer leak = http.post("/leaks/pool?type=uts");
            int tid = leak.json().path("tid").asInt();

            JsonNode report = http.get("/actuator/namspill").json();

            assertThat(report.path("trace").path("active").asBoolean()).as(report.toString()).isTrue();
            JsonNode entry = null;
            for (JsonNode candidate : report.path("leaks")) {
                if (candidate.path("tid").asInt() == tid) {
                    entry = candidate;
                }
            }
            assertThat(entry).as(report.toString()).isNotNull();
            assertThat(entry.path("origin").path("syscall").asString()).isEqualTo("unshare");
            assertThat(entry.path("origin").path("types")).extracting(JsonNode::asString).containsExactly("uts");
            assertThat(entry.path("origin").path("stackTrace")).extracting(JsonNode::asString)
                    .anyMatch(frame -> frame.matches("example\\.namspill\\.demo\\.LeakyPool\\.carelessTask\\(LeakyPool\\.java:\\d+\\)"));
        }
        finally {
            http.post("/leaks/heal");
            await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health/liveness").status() == 200);
        }
    }
}
