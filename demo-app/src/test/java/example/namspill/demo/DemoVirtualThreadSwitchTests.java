package example.namspill.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.testing.Privileges;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /switch} with {@code spring.threads.virtual.enabled=true}: the request runs on a
 * virtual thread, which cannot switch in place, so the demo hands the work to its
 * {@code NamespaceWorkers}. No 500, no leak, and no platform thread per request. {@code GET /netns/call}
 * needs no switch of the request thread at all.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.threads.virtual.enabled=true", "namspill.cache-ttl=0s" })
class DemoVirtualThreadSwitchTests {

    @LocalServerPort
    int port;

    @Test
    void aVirtualRequestThreadSwitchesThroughThePooledWorkersAndLeaksNothing() throws Exception {
        askThreeTimesOnVirtualThreads(http -> http.post("/switch?type=net"), body -> {
            assertThat(body.path("form").asString()).isEqualTo("pooled worker");
            assertThat(body.path("switchedThread").asString()).startsWith("namspill-worker-");
            assertThat(body.path("inside").asLong()).isNotEqualTo(body.path("before").asLong());
            assertThat(body.path("interfacesInside")).extracting(JsonNode::asString).containsExactly("lo");
            assertThat(body.path("leaked").asBoolean(true)).isFalse();
        });
    }

    @Test
    void aVirtualRequestThreadCallsIntoTheNetworkNamespaceWithoutAnyThreadSwitched() throws Exception {
        askThreeTimesOnVirtualThreads(http -> http.get("/netns/call"), body -> {
            assertThat(body.path("reply").asString()).contains("hello from inside network namespace");
            assertThat(body.path("after").asLong()).isEqualTo(body.path("before").asLong());
        });
    }

    /**
     * Sends {@code request} three times (a thread left switched by one would show in the next),
     * checks that each was answered on a virtual request thread as {@code check} expects, and that
     * the application is live afterwards with nothing leaked or left switched.
     */
    private void askThreeTimesOnVirtualThreads(Request request, Consumer<JsonNode> check) throws Exception {
        Privileges.assumeCanRestoreNamespaces();
        DemoHttp http = new DemoHttp(this.port);
        for (int i = 0; i < 3; i++) {
            DemoHttp.Answer answer = request.send(http);

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode body = answer.json();
            assertThat(body.path("virtual").asBoolean()).isTrue();
            check.accept(body);
        }
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
        JsonNode report = http.get("/actuator/namspill").json();
        assertThat(report.path("leaks")).as(report::toString).isEmpty();
        assertThat(report.path("switched")).as(report::toString).isEmpty();
    }

    /** One request to the demo. */
    @FunctionalInterface
    private interface Request {
        DemoHttp.Answer send(DemoHttp http) throws Exception;
    }
}
