package io.namspill.it;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's {@link HttpClient} against the test application on 127.0.0.1, HTTP/1.1, on a
 * bounded executor of its own: a plain client, as a probe or scraper would call.
 */
final class LoopbackHttp implements AutoCloseable {

    private final int port;

    private final ExecutorService executor;

    private final HttpClient client;

    LoopbackHttp(int port) {
        this.port = port;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "loopback-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                .executor(this.executor)
                .build();
    }

    /** GET {@code path} (such as {@code /actuator/health}). */
    Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** The address of {@code path} (such as {@code /actuator/health}) on the test application. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.port + path);
    }

    /** Sends {@code request} (a 60 s timeout added). */
    Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(request.timeout(Duration.ofSeconds(60)).build());
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), response.headers().firstValue(ServedBy.HEADER).orElse(null));
    }

    @Override
    public void close() {
        if (this.client instanceof AutoCloseable closeable) { // JDK 21+
            try {
                closeable.close();
            }
            catch (Exception ex) {
                // closing is best effort: the executor below ends the client's work anyway
            }
        }
        this.executor.shutdownNow();
    }

    /** Status, body and the tid of the Tomcat thread that served it (where {@link ServedBy} is installed). */
    record Response(int status, String body, String servedBy) {

        DocumentContext json() {
            return JsonPath.parse(this.body);
        }
    }
}
