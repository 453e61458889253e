package example.namspill.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.Privileges;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code GET /netns/call}: an HTTP call into the holder's network namespace that switches no thread. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "namspill.cache-ttl=0s")
class DemoNetworkNamespaceTests {

    @LocalServerPort
    int port;

    DemoHttp http;

    @BeforeEach
    void client() {
        Privileges.assumeCanRestoreNamespaces();
        http = new DemoHttp(port);
    }

    @Test
    void callsIntoTheNetworkNamespaceAnswerWhileHealthStaysUpAndNoThreadIsSwitchedOrLeaked() throws Exception {
        long leaders = NamespaceLinks.ofLeader("net");
        for (int call = 0; call < 3; call++) {
            DemoHttp.Answer answer = http.get("/netns/call");

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode body = answer.json();
            assertThat(body.path("namespace").asLong()).isNotEqualTo(leaders);
            assertThat(body.path("reply").asString()).isEqualTo(
                    "{\"greeting\":\"hello from inside network namespace " + body.path("namespace").asLong() + "\"}");
            assertThat(body.path("before").asLong()).isEqualTo(leaders);
            assertThat(body.path("after").asLong()).isEqualTo(leaders);
            assertThat(body.path("virtual").asBoolean(true)).isFalse();

            JsonNode health = http.get("/actuator/health").json();
            assertThat(health.path("components").path("namspill").path("status").asString()).isEqualTo("UP");
            JsonNode report = http.get("/actuator/namspill").json();
            assertThat(report.path("uniform").asBoolean(false)).as(report::toString).isTrue();
            assertThat(report.path("leaks")).as(report::toString).isEmpty();
            assertThat(report.path("switched")).as(report::toString).isEmpty();
        }
        int insidePort = http.get("/netns/call").json().path("serverPort").asInt();
        assertThatExceptionOfType(ConnectException.class).as("the server listens inside the namespace only")
                .isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), insidePort).close());
    }
}
