package example.namspill.demo;

import io.namspill.net.NetworkNamespace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 server listening on loopback inside a network namespace: it answers every
 * request with one JSON body and closes the connection. Its listening socket comes from
 * {@link NetworkNamespace#serverSocketFactory()}, so the accepting thread stays in the
 * application's namespaces. (The JDK's {@code HttpServer} cannot take a socket, and creating it
 * on a switched thread would start its timer thread there: a leak.)
 */
final class InsideHttpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final byte[] response;

    private InsideHttpServer(ServerSocket socket, String json) {
        this.socket = socket;
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        this.response = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n" + json).getBytes(StandardCharsets.UTF_8);
    }

    /** Listens on {@code 127.0.0.1:<free port>} inside {@code namespace} and answers {@code json}. */
    static InsideHttpServer start(NetworkNamespace namespace, String json) throws IOException {
        ServerSocket socket = namespace.serverSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        InsideHttpServer server = new InsideHttpServer(socket, json);
        Thread acceptor = new Thread(server::serve, "netns-http-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    /** The port it listens on, inside its namespace. */
    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                BufferedReader request = new BufferedReader(
                        new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
                String line;
                do {
                    line = request.readLine(); // the request line and headers, up to the empty line
                }
                while (line != null && !line.isEmpty());
                OutputStream out = connection.getOutputStream();
                out.write(response);
                out.flush();
            }
            catch (IOException e) {
                // a client that went away, or the socket closed by close(): the loop decides
            }
        }
    }
}
