package io.namspill.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * {@link NetworkNamespace#socketFactory()}: every socket is created inside the namespace; binding
 * and connecting happen on the calling thread, as {@code new Socket(host, port)} would do them.
 */
final class NamespacedSocketFactory extends SocketFactory {

    private final NetworkNamespace namespace;

    NamespacedSocketFactory(NetworkNamespace namespace) {
        this.namespace = namespace;
    }

    @Override
    public Socket createSocket() throws IOException {
        return namespace.createSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(InetAddress.getByName(host), port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(InetAddress.getByName(host), port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    @Override
    public String toString() {
        return "SocketFactory of " + namespace;
    }

    private Socket connected(SocketAddress remote, @Nullable SocketAddress local) throws IOException {
        Socket socket = namespace.createSocket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        }
        catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
