package io.namspill.net;

import io.namspill.Namespaces;
import io.namspill.snapshot.NamespaceType;
import io.namspill.switching.NamespaceSwitch;
import io.namspill.switching.NamespaceSwitchException;
import io.namspill.switching.NamespaceWorkers;
import io.namspill.switching.OpenNamespace;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * A network namespace, held open, that creates sockets inside it for any thread to use: the way
 * to talk to another network namespace without moving an application thread.
 *
 * <pre>{@code
 * try (NetworkNamespace blue = NetworkNamespace.of(Path.of("/run/netns/blue"))) {
 *     SocketChannel channel = blue.openSocketChannel();  // belongs to blue for its whole life
 *     channel.connect(new InetSocketAddress("10.0.0.2", 8080)); // from this thread, any thread
 * }
 * }</pre>
 *
 * <p>Linux binds a socket to the network namespace of the thread that creates it, for the
 * socket's whole life: binding, connecting, accepting, sending and receiving all happen there,
 * whichever thread does them later. So only the creation needs the namespace: it runs on a
 * platform worker thread of this object that switches into the namespace, creates the socket,
 * and switches back ({@link NamespaceWorkers}); the calling thread never changes namespaces, and
 * virtual threads may call every method. Everything else (connecting, binding, reading) happens
 * on the calling thread. A {@link Socket} or {@link ServerSocket} from the factories has its
 * operating-system socket made inside already; the JDK would otherwise make it on first use,
 * on whatever thread that is.
 *
 * <p>Host names are resolved by the calling thread, with the files of its mount namespace
 * ({@code /etc/hosts}, {@code /etc/resolv.conf}) and over the network of its own network
 * namespace: give the namespace's peers as IP addresses, or resolve them yourself.
 *
 * <h2>Lifetime and threads</h2>
 * The namespace is held by an open descriptor: it lives on while this object is open, even if
 * its {@code /run/netns} file is removed or the process it was named by ends. Sockets created
 * before {@link #close()} keep working afterwards; creating new ones is refused.
 *
 * <p>Each {@code NetworkNamespace} has a worker of its own (a daemon platform thread, started by
 * {@link #of(Path)} and ended by {@link #close()}) rather than one pool shared by the JVM. Linux
 * gives a new thread the credentials of the thread that starts it, so a worker acts with the
 * privileges of whoever opened the namespace, at a known moment, instead of those of whichever
 * thread happened to start a shared pool first; and closing the namespace leaves no thread
 * behind. Creating a socket is a short, non-blocking system call, so one worker serves many
 * callers (they queue for a few microseconds each); a connection pool pays it once per
 * connection.
 *
 * <p>Thread-safe. Entering a network namespace needs {@code CAP_SYS_ADMIN} over it (root, or
 * the owner of its user namespace); see {@link Namespaces} for the switching rules.
 */
public final class NetworkNamespace implements AutoCloseable {

    private final OpenNamespace namespace;
    private final NamespaceSwitch into;
    private final NamespaceWorkers worker;
    /** Creations share it, {@link #close()} takes it alone: the descriptor outlives every switch into it. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private NetworkNamespace(OpenNamespace namespace, NamespaceWorkers worker) {
        this.namespace = namespace;
        this.into = Namespaces.into(namespace);
        this.worker = worker;
    }

    /**
     * Opens the network namespace {@code path} names ({@code /run/netns/<name>},
     * {@code /proc/<pid>/ns/net} or another bind mount of one), starts its worker, and makes one
     * switch into it and back, so that a namespace this JVM cannot enter fails here rather than
     * at the first socket.
     *
     * @throws NamespaceSwitchException naming the path, when it cannot be opened ({@code ENOENT},
     *         {@code EACCES}), is no network namespace (another type, or no namespace at all),
     *         or cannot be entered ({@code EPERM}: the calling thread lacks {@code CAP_SYS_ADMIN});
     *         nothing is left open or switched then
     */
    public static NetworkNamespace of(Path path) {
        Objects.requireNonNull(path, "path");
        OpenNamespace namespace = OpenNamespace.open(path);
        NamespaceWorkers worker = null;
        try {
            if (namespace.type() != NamespaceType.NET) {
                throw new NamespaceSwitchException(path.toString(), path + " is a " + namespace.type().typeName()
                        + " namespace, not a network namespace", 0, null);
            }
            worker = NamespaceWorkers.start(1);
            NetworkNamespace network = new NetworkNamespace(namespace, worker);
            network.into.runOn(worker, () -> {
            });
            return network;
        }
        catch (RuntimeException | Error e) {
            if (worker != null) {
                worker.close();
            }
            namespace.close();
            throw e;
        }
    }

    /**
     * A factory of {@link Socket}s created inside this namespace. Those it connects are connected
     * by the calling thread (host names resolved there, see above); {@link SocketFactory#createSocket()}
     * gives an unconnected one, for clients that connect themselves.
     */
    public SocketFactory socketFactory() {
        return new NamespacedSocketFactory();
    }

    /**
     * A factory of {@link ServerSocket}s created inside this namespace; those it binds are bound by
     * the calling thread. Accepted connections belong to the namespace as well.
     */
    public ServerSocketFactory serverSocketFactory() {
        return new NamespacedServerSocketFactory();
    }

    /**
     * An unconnected {@link SocketChannel} ({@link SocketChannel#open()}) created inside this namespace.
     *
     * @throws IllegalStateException naming the namespace, once it is closed
     * @throws IOException when the JDK cannot create the channel there
     */
    public SocketChannel openSocketChannel() throws IOException {
        return inside(SocketChannel::open);
    }

    /**
     * An unbound {@link ServerSocketChannel} ({@link ServerSocketChannel#open()}) created inside this namespace.
     *
     * @throws IllegalStateException naming the namespace, once it is closed
     * @throws IOException when the JDK cannot create the channel there
     */
    public ServerSocketChannel openServerSocketChannel() throws IOException {
        return inside(ServerSocketChannel::open);
    }

    /**
     * An unbound {@link DatagramChannel} ({@link DatagramChannel#open()}) created inside this namespace.
     *
     * @throws IllegalStateException naming the namespace, once it is closed
     * @throws IOException when the JDK cannot create the channel there
     */
    public DatagramChannel openDatagramChannel() throws IOException {
        return inside(DatagramChannel::open);
    }

    /**
     * Ends the worker and releases the namespace, once the sockets being created are made; later
     * creations are refused. Sockets created before keep working. Idempotent.
     */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                worker.close();
                namespace.close();
            }
        }
        finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** {@code NetworkNamespace[<path>]}. */
    @Override
    public String toString() {
        return "NetworkNamespace[" + namespace + "]";
    }

    /** An unconnected {@link Socket} whose operating-system socket exists, made inside. */
    private Socket createSocket() throws IOException {
        return inside(() -> {
            Socket socket = new Socket();
            socket.getSoTimeout(); // the JDK creates the OS socket on first use: make it here
            return socket;
        });
    }

    /** An unbound {@link ServerSocket} whose operating-system socket exists, made inside. */
    private ServerSocket createServerSocket() throws IOException {
        return inside(() -> {
            ServerSocket socket = new ServerSocket();
            socket.getSoTimeout(); // as for Socket: make the OS socket now, here
            return socket;
        });
    }

    /** A socket made inside and then set up (bound, connected) on the calling thread; closed when that fails. */
    private static <S extends Closeable> S setUp(S socket, SetUp<S> setUp) throws IOException {
        try {
            setUp.accept(socket);
            return socket;
        }
        catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** What the calling thread does with a fresh socket before handing it out. */
    @FunctionalInterface
    private interface SetUp<S> {
        void accept(S socket) throws IOException;
    }

    /** Runs {@code creator} on the worker, switched into the namespace. */
    private <T> T inside(Callable<T> creator) throws IOException {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("network namespace " + namespace + " is closed");
            }
            return into.callOn(worker, creator);
        }
        catch (IOException | RuntimeException e) {
            throw e;
        }
        catch (Exception e) {
            // the creators above throw no other checked exception
            throw new IOException("cannot create a socket in network namespace " + namespace, e);
        }
        finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * {@link #socketFactory()}: every socket is created inside the namespace; binding and
     * connecting happen on the calling thread, as {@code new Socket(host, port)} would do them.
     */
    private final class NamespacedSocketFactory extends SocketFactory {

        @Override
        public Socket createSocket() throws IOException {
            return NetworkNamespace.this.createSocket();
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
            return "SocketFactory of " + NetworkNamespace.this;
        }

        private Socket connected(SocketAddress remote, @Nullable SocketAddress local) throws IOException {
            return setUp(NetworkNamespace.this.createSocket(), socket -> {
                if (local != null) {
                    socket.bind(local);
                }
                socket.connect(remote);
            });
        }
    }

    /**
     * {@link #serverSocketFactory()}: every server socket is created inside the namespace; binding
     * happens on the calling thread, as {@code new ServerSocket(port)} would do it.
     */
    private final class NamespacedServerSocketFactory extends ServerSocketFactory {

        /** {@code new ServerSocket(port)}'s backlog where none is given. */
        private static final int DEFAULT_BACKLOG = 50;

        @Override
        public ServerSocket createServerSocket() throws IOException {
            return NetworkNamespace.this.createServerSocket();
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
            return "ServerSocketFactory of " + NetworkNamespace.this;
        }

        private ServerSocket bound(int port, int backlog, @Nullable InetAddress address) throws IOException {
            return setUp(NetworkNamespace.this.createServerSocket(),
                    socket -> socket.bind(new InetSocketAddress(address, port), backlog));
        }
    }
}
