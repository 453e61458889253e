package example.namspill.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.namspill.Namespaces;
import io.namspill.net.NetworkNamespace;
import io.namspill.testing.ForeignNamespacesExtension;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.VirtualThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Spring's RestClient over Apache HttpClient 5, wired to a real foreign network namespace, end to
 * end against an HTTP server inside it that the host cannot reach.
 */
class NamespacedRestClientTests {

    @RegisterExtension
    static final ForeignNamespacesExtension foreign = ForeignNamespacesExtension.holding("--net");

    private static final String GREETING = "{\"hello\":\"inside\"}";

    @Test
    void aRestClientReachesAServerInsideTheNamespaceThatTheHostCannotReach() throws Exception {
        Namespaces.run(foreign.namespace("net"), Loopback::bringUpHere);
        try (NetworkNamespace inside = NetworkNamespace.of(foreign.namespace("net"));
                InsideHttpServer server = InsideHttpServer.start(inside, GREETING);
                CloseableHttpClient httpClient = NamespacedHttpClients.httpClient(inside)) {
            String url = "http://127.0.0.1:" + server.port();
            RestClient client = NamespacedHttpClients.restClient(httpClient, url);

            assertThat(client.get().uri("/").retrieve().body(String.class)).isEqualTo(GREETING);
            assertThat(client.get().uri("/again").retrieve().body(String.class)).isEqualTo(GREETING);
            assertThatExceptionOfType(ResourceAccessException.class).as("the host's loopback has no such server")
                    .isThrownBy(() -> RestClient.create(url).get().retrieve().body(String.class));
        }
        assertThat(NamespaceLinks.ofCurrentThread("net")).isEqualTo(NamespaceLinks.ofLeader("net"));
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void virtualThreadsCallThroughTheRestClientAtOnceWithoutChangingNamespaces() throws Exception {
        Namespaces.run(foreign.namespace("net"), Loopback::bringUpHere);
        ConcurrentLinkedQueue<Object> outcomes = new ConcurrentLinkedQueue<>();
        try (NetworkNamespace inside = NetworkNamespace.of(foreign.namespace("net"));
                InsideHttpServer server = InsideHttpServer.start(inside, GREETING);
                CloseableHttpClient httpClient = NamespacedHttpClients.httpClient(inside)) {
            RestClient client = NamespacedHttpClients.restClient(httpClient, "http://127.0.0.1:" + server.port());
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                callers.add(VirtualThreads.start("rest-caller-" + i, () -> {
                    try {
                        outcomes.add(client.get().uri("/").retrieve().body(String.class));
                        outcomes.add(NamespaceLinks.ofCurrentThread("net"));
                    }
                    catch (RuntimeException e) {
                        outcomes.add(e);
                    }
                }));
            }
            for (Thread caller : callers) {
                caller.join();
            }
        }
        assertThat(outcomes).hasSize(40).containsOnly(GREETING, NamespaceLinks.ofLeader("net"));
    }
}
