package example.namspill.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.testing.Privileges;
import io.namspill.testing.ThreadCapabilities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo started without CAP_SYS_ADMIN: the context is started from a thread that dropped the
 * capability, and every thread it creates (Tomcat's, the pool's) inherits that. A leak or a
 * switch then fails with a clear 403, never a stack trace page; detection still works.
 */
class DemoWithoutPrivilegeTests {

    private static ConfigurableApplicationContext context;
    private static DemoHttp http;

    @BeforeAll
    static void startWithoutCapSysAdmin() throws Exception {
        Privileges.assumeCanCreateNamespaces();
        context = ThreadCapabilities.withoutCapSysAdmin(() -> new SpringApplicationBuilder(DemoApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1", "--spring.jmx.enabled=false"));
        http = new DemoHttp(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aLeakAttemptIsForbiddenWithAnExplanationAndNoStackTrace() throws Exception {
        DemoHttp.Answer answer = http.post("/leaks/pool?type=uts");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().path("title").asString()).contains("lacks CAP_SYS_ADMIN");
        assertThat(answer.problemDetail()).contains("EPERM", "docs/demo.md");
    }

    @Test
    void aSwitchAttemptIsForbiddenWithAnExplanation() throws Exception {
        DemoHttp.Answer answer = http.post("/switch?type=net");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.problemDetail()).containsAnyOf("EPERM", "Operation not permitted");
    }

    @Test
    void aCallIntoTheNetworkNamespaceIsForbiddenWithAnExplanation() throws Exception {
        DemoHttp.Answer answer = http.get("/netns/call");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.problemDetail()).containsAnyOf("EPERM", "Operation not permitted");
    }

    @Test
    void detectionNeedsNoPrivilege() throws Exception {
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(http.get("/actuator/namspill").json().path("supported").asBoolean()).isTrue();
    }
}
