package example.namspill.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.testing.Privileges;
import io.namspill.testing.VirtualThreads;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /leaks/virtual} on whatever JDK runs the tests: on Java 21+ a virtual thread's raw
 * unshare poisons its ForkJoinPool carrier and namspill names it; before Java 21 the demo
 * explains that it needs virtual threads. CI runs both sides (JDK 17 and JDK 25).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "namspill.cache-ttl=0s")
class DemoVirtualThreadLeakTests {

    @LocalServerPort
    int port;

    @Test
    void aVirtualThreadLeakIsReportedOnItsCarrierOrExplainedWhereThereAreNoVirtualThreads() throws Exception {
        DemoHttp http = new DemoHttp(port);
        if (Runtime.version().feature() < 21) {
            DemoHttp.Answer answer = http.post("/leaks/virtual");

            assertThat(answer.status()).isEqualTo(501);
            assertThat(answer.json().path("explanation").asString()).contains("has no virtual threads", "Java 21");
            return;
        }
        Privileges.assumeCanRestoreNamespaces();
        DemoHttp.Answer leak = http.post("/leaks/virtual");
        int carrierTid = leak.json().path("tid").asInt();
        try {
            assertThat(leak.status()).isEqualTo(200);
            assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(503);
            JsonNode report = http.get("/actuator/namspill/uts").json();
            assertThat(report.path("leaks")).singleElement().satisfies(entry -> {
                assertThat(entry.path("tid").asInt()).isEqualTo(carrierTid);
                assertThat(entry.path("thread").path("name").asString()).startsWith("ForkJoinPool");
            });
        }
        finally {
            // The scheduler's carriers never end: switch this one back so the JVM's other tests stay clean.
            VirtualThreads.switchCarrierBack(carrierTid);
        }
    }
}
