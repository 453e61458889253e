package example.namspill.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** A tiny HTTP client for the demo on loopback: what a user's curl does. */
final class DemoHttp {

    record Answer(int status, String body) {
        JsonNode json() {
            return new ObjectMapper().readTree(body);
        }

        /**
         * The {@code detail} of an error answer (a problem detail), once it is checked to show no
         * stack trace: neither Spring Boot's {@code trace} field nor a frame of any code.
         */
        String problemDetail() {
            assertThat(body).doesNotContain("\"trace\"", "\tat ", "at example.", "at io.namspill.");
            return json().path("detail").asString();
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    DemoHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Answer post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }
}
