package example.namspill.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.namspill.testing.Privileges;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The demo's walkthrough, over real HTTP, with real namespaces. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "namspill.cache-ttl=0s")
class DemoApplicationTests {

    @LocalServerPort
    int port;

    DemoHttp http;

    @BeforeEach
    void client() throws Exception {
        Privileges.assumeCanRestoreNamespaces();
        http = new DemoHttp(port);
        http.post("/leaks/heal");
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health/liveness").status() == 200);
    }

    @Test
    void aPoolLeakTurnsLivenessDownTheEndpointNamesThePoolThreadAndHealingBringsItBack() throws Exception {
        DemoHttp.Answer leak = http.post("/leaks/pool?type=net");
        assertThat(leak.status()).isEqualTo(200);
        int tid = leak.json().path("tid").asInt();
        String thread = leak.json().path("thread").asString();
        assertThat(thread).startsWith("demo-pool-");

        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(503);
        JsonNode health = http.get("/actuator/health").json();
        assertThat(health.path("components").path("namspill").path("status").asString()).isEqualTo("DOWN");
        JsonNode report = http.get("/actuator/namspill").json();
        assertThat(report.path("uniform").asBoolean(true)).isFalse();
        assertThat(report.path("leaks")).singleElement().satisfies(entry -> {
            assertThat(entry.path("tid").asInt()).isEqualTo(tid);
            assertThat(entry.path("namespaces").path("net").asLong()).isEqualTo(leak.json().path("namespace").asLong());
            assertThat(entry.path("thread").path("name").asString()).isEqualTo(thread);
        });
        assertThat(http.get("/actuator/prometheus").body()).contains("namspill_leaked_tasks{type=\"net\"} 1.0");

        DemoHttp.Answer heal = http.post("/leaks/heal");
        assertThat(heal.json().path("retiredThreads").asInt()).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/actuator/health/liveness").status() == 200);
        assertThat(http.get("/actuator/prometheus").body()).contains("namspill_leaked_tasks{type=\"net\"} 0.0");
    }

    @Test
    void aCorrectSwitchRunsInsideTheOtherNetworkNamespaceAndLeaksNothing() throws Exception {
        DemoHttp.Answer answer = http.post("/switch?type=net");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.path("inside").asLong()).isNotEqualTo(body.path("before").asLong());
        assertThat(body.path("after").asLong()).isEqualTo(body.path("before").asLong());
        assertThat(body.path("interfacesInside")).extracting(JsonNode::asString).containsExactly("lo");
        assertThat(body.path("leaked").asBoolean(true)).isFalse();
        assertThat(body.path("form").asString()).isEqualTo("in place"); // a platform request thread
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void anUnknownTypeIsABadRequestThatNamesTheValidTypesWithoutAStackTrace() throws Exception {
        DemoHttp.Answer answer = http.post("/leaks/pool?type=banana");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.problemDetail()).contains("'banana'", "uts, net, ipc, cgroup");
    }
}
