package io.namspill.it;

import io.namspill.testing.NamespaceLinks;
import java.nio.file.Path;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the actuator of the running test application over HTTP. */
final class Actuator {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestTestClient client;

    private final String user;

    Actuator(RestTestClient client) {
        this(client, null);
    }

    private Actuator(RestTestClient client, String user) {
        this.client = client;
        this.user = user;
    }

    /** The same calls, authenticated as {@code user} (HTTP Basic). */
    Actuator as(String user) {
        return new Actuator(this.client, user);
    }

    /** GET {@code /actuator/<path>}: the status and the body. */
    Answer get(String path) {
        EntityExchangeResult<String> result = this.client.get()
                .uri("/actuator/" + path)
                .headers(headers -> {
                    if (this.user != null) {
                        headers.setBasicAuth(this.user, NamspillTestApplication.PASSWORD);
                    }
                })
                .exchange()
                .returnResult(String.class);
        return new Answer(result.getStatus().value(), result.getResponseBody());
    }

    record Answer(int status, String body) {

        JsonNode json() {
            return JSON.readTree(this.body);
        }
    }

    /** The inode of a task's namespace of {@code type}, read from procfs. */
    static long inode(int tid, String type) {
        return NamespaceLinks.inode(Path.of("/proc/self/task/" + tid + "/ns/" + type));
    }

    /** The leak entry of {@code tid} in a list of leaks, or a missing node. */
    static JsonNode entryOf(JsonNode leaks, int tid) {
        for (JsonNode leak : leaks) {
            if (leak.path("tid").asInt() == tid) {
                return leak;
            }
        }
        return JSON.missingNode();
    }
}
