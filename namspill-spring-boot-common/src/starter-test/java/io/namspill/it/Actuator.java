package io.namspill.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.namspill.testing.NamespaceLinks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * Calls the actuator of the running test application over real HTTP (the JDK's client: the same
 * on every Spring Boot line, as a probe or scraper would call), with the client of the current
 * test ({@link LocalServerHttp#actuator()}). Answers are read with JsonPath
 * ({@code json().read("$.status", String.class)}), the same on every line (Boot 3.5 has Jackson 2,
 * Boot 4 Jackson 3); objects keep their members' order.
 */
final class Actuator {

    private final LoopbackHttp http;

    private final String user;

    /** Calls made with {@code http}, anonymous. */
    Actuator(LoopbackHttp http) {
        this(http, null);
    }

    private Actuator(LoopbackHttp http, String user) {
        this.http = http;
        this.user = user;
    }

    /** The same calls, authenticated as {@code user} (HTTP Basic). */
    Actuator as(String user) {
        return new Actuator(this.http, user);
    }

    /** GET {@code /actuator/<path>}: the status and the body. */
    Answer get(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(this.http.uri("/actuator/" + path)).GET();
        if (this.user != null) {
            String credentials = this.user + ":" + NamspillTestApplication.PASSWORD;
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            LoopbackHttp.Response response = this.http.send(request);
            return new Answer(response.status(), response.body());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /** GET {@code /actuator/<path>}, which must answer 200: its body. */
    DocumentContext json(String path) {
        Answer answer = get(path);
        assertThat(answer.status()).as("GET /actuator/%s: %s", path, answer.body()).isEqualTo(200);
        return answer.json();
    }

    record Answer(int status, String body) {

        DocumentContext json() {
            return JsonPath.parse(this.body);
        }
    }

    /** The inode of a task's namespace of {@code type}, read from procfs. */
    static long inode(int tid, String type) {
        return NamespaceLinks.inode(Path.of("/proc/self/task/" + tid + "/ns/" + type));
    }

    /**
     * The entry of {@code tid} in the list at {@code path} ({@code $.leaks}, {@code $.switched});
     * fails unless there is exactly one.
     */
    static DocumentContext entryOf(DocumentContext json, String path, int tid) {
        List<Object> entries = json.read(path + "[?(@.tid == " + tid + ")]");
        assertThat(entries).as("entries of tid %d in %s of %s", tid, path, json.jsonString()).hasSize(1);
        return JsonPath.parse(entries.get(0));
    }
}
