package io.namspill.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import javax.net.ServerSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * {@link NetworkNamespace#serverSocketFactory()}: every server socket is created inside the
 * namespace; binding happens on the calling thread, as {@code new ServerSocket(port)} would do it.
 */
final class NamespacedServerSocketFactory extends ServerSocketFactory {

    /** {@code new ServerSocket(port)}'s backlog where none is given. */
    private static final int DEFAULT_BACKLOG = 50;

    private final NetworkNamespace namespace;

    NamespacedServerSocketFactory(NetworkNamespace namespace) {
        this.namespace = namespace;
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return namespace.createServerSocket();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return bound(port, DEFAULT_BACKLOG, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return bound(port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress) throws IOException {
        return bound(port, backlog, ifAddress);
    }

    @Override
    public String toString() {
        return "ServerSocketFactory of " + namespace;
    }

    private ServerSocket bound(int port, int backlog, @Nullable InetAddress address) throws IOException {
        ServerSocket socket = namespace.createServerSocket();
        try {
            socket.bind(new InetSocketAddress(address, port), backlog);
            return socket;
        }
        catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
