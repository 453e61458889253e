package example.namspill.demo;

import io.namspill.Namespaces;
import io.namspill.net.NetworkNamespace;
import io.namspill.switching.NamespaceWorkers;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The holder's network namespace, seen from the application without moving its threads: a
 * {@link NetworkNamespace} held open, an HTTP server listening inside it, and a
 * {@link RestClient} whose connections are created inside it. Set up on first use (it needs
 * CAP_SYS_ADMIN), ended with the context.
 */
@Component
class InsideNetwork implements DisposableBean {

    /** What the server inside answers and where it listens. */
    record Setup(long namespace, int serverPort, RestClient client) {
    }

    private final NamespaceHolder holder;
    private final NamespaceWorkers workers;
    private NetworkNamespace network;
    private InsideHttpServer server;
    private CloseableHttpClient httpClient;
    private Setup setup;

    InsideNetwork(NamespaceHolder holder, NamespaceWorkers workers) {
        this.holder = holder;
        this.workers = workers;
    }

    synchronized Setup setup() throws IOException, InterruptedException {
        if (setup == null) {
            Path path = holder.namespace("net");
            // a new namespace's loopback is down; raising it is the one thing done on a switched (pooled) thread
            Namespaces.into(path).runOn(workers, Loopback::bringUpHere);
            NetworkNamespace opened = NetworkNamespace.of(path);
            try {
                long inode = ThreadNamespaces.inode(path);
                server = InsideHttpServer.start(opened, "{\"greeting\":\"hello from inside network namespace " + inode + "\"}");
                httpClient = NamespacedHttpClients.httpClient(opened);
                network = opened;
                setup = new Setup(inode, server.port(),
                        NamespacedHttpClients.restClient(httpClient, "http://127.0.0.1:" + server.port()));
            }
            catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
        }
        return setup;
    }

    @Override
    public synchronized void destroy() throws IOException {
        if (setup != null) {
            httpClient.close();
            server.close();
            network.close();
        }
    }
}
