package io.namspill.it;

import io.namspill.testing.NamespaceLinks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Calls the actuator of the running test application over real HTTP (the JDK's client: the same
 * on every Spring Boot line, as a probe or scraper would call), with the client of the current
 * test ({@link LocalServerHttp#actuator()}).
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

    record Answer(int status, String body) {

        JsonNode json() {
            return JsonNode.parse(this.body);
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
        return JsonNode.missingNode();
    }
}
