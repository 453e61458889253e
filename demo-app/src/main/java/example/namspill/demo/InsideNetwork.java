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

    /** What stays open while the context lives; closed in the reverse order of opening. */
    private record Opened(NetworkNamespace network, InsideHttpServer server, CloseableHttpClient httpClient,
            Setup setup) {

        void close() throws IOException {
            httpClient.close();
            server.close();
            network.close();
        }
    }

    private final NamespaceHolder holder;
    private final NamespaceWorkers workers;
    private Opened opened;

    InsideNetwork(NamespaceHolder holder, NamespaceWorkers workers) {
        this.holder = holder;
        this.workers = workers;
    }

    synchronized Setup setup() throws IOException, InterruptedException {
        if (opened == null) {
            opened = open();
        }
        return opened.setup();
    }

    private Opened open() throws IOException, InterruptedException {
        Path path = holder.namespace("net");
        // a new namespace's loopback is down; raising it is the one thing done on a switched (pooled) thread
        Namespaces.into(path).runOn(workers, Loopback::bringUpHere);
        NetworkNamespace network = NetworkNamespace.of(path);
        try {
            long inode = ThreadNamespaces.inode(path);
            InsideHttpServer server = InsideHttpServer.start(network,
                    "{\"greeting\":\"hello from inside network namespace " + inode + "\"}");
            CloseableHttpClient httpClient = NamespacedHttpClients.httpClient(network);
            Setup setup = new Setup(inode, server.port(),
                    NamespacedHttpClients.restClient(httpClient, "http://127.0.0.1:" + server.port()));
            return new Opened(network, server, httpClient, setup);
        }
        catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    @Override
    public synchronized void destroy() throws IOException {
        if (opened != null) {
            opened.close();
        }
    }
}
