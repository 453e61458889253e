package example.namspill.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.testing.Privileges;
import io.namspill.testing.VirtualThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** On Java 21+: a virtual thread's raw unshare poisons its ForkJoinPool carrier, and namspill names it. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "namspill.cache-ttl=0s")
@EnabledForJreRange(min = JRE.JAVA_21)
class DemoVirtualThreadLeakTests {

    @LocalServerPort
    int port;

    @Test
    void aVirtualThreadLeakIsReportedOnItsForkJoinPoolCarrier() throws Exception {
        Privileges.assumeCanRestoreNamespaces();
        DemoHttp http = new DemoHttp(port);

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
