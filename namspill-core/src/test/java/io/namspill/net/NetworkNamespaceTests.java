package io.namspill.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import io.namspill.Namspill;
import io.namspill.report.SpillReport;
import io.namspill.switching.NamespaceSwitchException;
import io.namspill.testing.ForeignNamespaces;
import io.namspill.testing.ForeignNamespacesExtension;
import io.namspill.testing.Loopback;
import io.namspill.testing.NamespaceLinks;
import io.namspill.testing.Privileges;
import io.namspill.testing.ThreadCapabilities;
import io.namspill.testing.VirtualThreads;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sockets created in a real foreign network namespace (its loopback up) talk to each other there,
 * out of the host's reach, while no calling thread changes namespaces.
 */
class NetworkNamespaceTests {

    @RegisterExtension
    static final ForeignNamespacesExtension foreign = ForeignNamespacesExtension.holding("--net", "--uts");

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static NetworkNamespace inside;

    @BeforeAll
    static void openTheForeignNetworkNamespace() throws Exception {
        if (Privileges.canRestoreNamespaces()) { // else every test skips, each with the reason
            Loopback.bringUp(foreign.namespace("net"));
            inside = NetworkNamespace.of(foreign.namespace("net"));
        }
    }

    @AfterAll
    static void close() {
        if (inside != null) {
            inside.close();
        }
    }

    @Test
    void aServerAndAClientCreatedInsideTalkWhileTheHostsLoopbackCannotReachTheServer() throws Exception {
        long home = NamespaceLinks.ofCurrentThread("net");
        try (ServerSocket server = inside.serverSocketFactory().createServerSocket(0, 50, LOOPBACK)) {
            CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> echoOnce(server));
            try (Socket client = inside.socketFactory().createSocket(LOOPBACK, server.getLocalPort())) {
                assertThat(roundTrip(client, 42)).isEqualTo(43);
            }
            assertThat(served.get(30, TimeUnit.SECONDS)).isEqualTo(42);
            assertThatExceptionOfType(ConnectException.class).as("the host's loopback has no such server")
                    .isThrownBy(() -> new Socket(LOOPBACK, server.getLocalPort()).close());
        }
        assertThat(NamespaceLinks.ofCurrentThread("net")).isEqualTo(home).isEqualTo(NamespaceLinks.ofLeader("net"));
    }

    @Test
    void unconnectedSocketsFromTheFactoriesExistInsideBeforeTheCallerBindsOrConnectsThem() throws Exception {
        // the caller binds and connects on its own thread: had the JDK not made the OS sockets
        // inside already, it would make them now, in the host's namespace, and the connect would fail
        try (ServerSocket server = inside.serverSocketFactory().createServerSocket()) {
            server.bind(new InetSocketAddress(LOOPBACK, 0));
            CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> echoOnce(server));
            try (Socket client = inside.socketFactory().createSocket()) {
                client.connect(server.getLocalSocketAddress());
                assertThat(roundTrip(client, 7)).isEqualTo(8);
            }
            assertThat(served.get(30, TimeUnit.SECONDS)).isEqualTo(7);
            try (ServerSocket sameAddressOnTheHost = new ServerSocket(server.getLocalPort(), 50, LOOPBACK)) {
                assertThat(sameAddressOnTheHost.isBound()).as("the inside server holds no host port").isTrue();
            }
        }
    }

    @Test
    void channelsCreatedInsideTalkWhileTheHostsLoopbackCannotReachTheServer() throws Exception {
        try (ServerSocketChannel server = inside.openServerSocketChannel()) {
            server.bind(new InetSocketAddress(LOOPBACK, 0));
            try (SocketChannel client = inside.openSocketChannel()) {
                client.connect(server.getLocalAddress());
                try (SocketChannel accepted = server.accept()) {
                    client.write(ByteBuffer.wrap(new byte[] {5}));
                    ByteBuffer received = ByteBuffer.allocate(1);
                    accepted.read(received);
                    assertThat(received.get(0)).isEqualTo((byte) 5);
                }
            }
            try (SocketChannel fromTheHost = SocketChannel.open()) {
                assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> fromTheHost.connect(server.getLocalAddress()));
            }
        }
    }

    @Test
    void datagramsBetweenChannelsCreatedInsideArriveAndTheHostCanBindTheSameAddress() throws Exception {
        try (DatagramChannel receiver = inside.openDatagramChannel(); DatagramChannel sender = inside.openDatagramChannel()) {
            receiver.bind(new InetSocketAddress(LOOPBACK, 0));
            sender.send(ByteBuffer.wrap(new byte[] {9}), receiver.getLocalAddress());
            ByteBuffer received = ByteBuffer.allocate(1);
            receiver.receive(received);
            assertThat(received.get(0)).isEqualTo((byte) 9);
            try (DatagramChannel onTheHost = DatagramChannel.open()) {
                onTheHost.bind(receiver.getLocalAddress()); // would be EADDRINUSE were the receiver here
                assertThat(onTheHost.getLocalAddress()).isEqualTo(receiver.getLocalAddress());
            }
        }
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void fiftyVirtualThreadsConnectInsideAtOnceWithoutAnyThreadChangingNamespaces() throws Exception {
        int clients = 50;
        long leaders = NamespaceLinks.ofLeader("net");
        ConcurrentLinkedQueue<Long> seenByCallers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        try (ServerSocketChannel server = inside.openServerSocketChannel()) {
            server.bind(new InetSocketAddress(LOOPBACK, 0), clients);
            CompletableFuture<Integer> accepted = CompletableFuture.supplyAsync(() -> acceptAll(server, clients));
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                threads.add(VirtualThreads.start("client-" + i, () -> {
                    try {
                        go.await();
                        seenByCallers.add(NamespaceLinks.ofCurrentThread("net"));
                        try (SocketChannel channel = inside.openSocketChannel()) {
                            seenByCallers.add(NamespaceLinks.ofCurrentThread("net"));
                            channel.connect(server.getLocalAddress());
                            channel.write(ByteBuffer.wrap(new byte[] {1}));
                        }
                        seenByCallers.add(NamespaceLinks.ofCurrentThread("net"));
                    }
                    catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(failures).isEmpty();
            assertThat(accepted.get(30, TimeUnit.SECONDS)).isEqualTo(clients);
        }
        assertThat(seenByCallers).hasSize(3 * clients).containsOnly(leaders);
        SpillReport afterwards = SpillReport.of(Namspill.tasks());
        assertThat(afterwards.isUniform()).as(afterwards::render).isTrue();
    }

    @Test
    void theNamespaceLivesWhileOpenAfterItsHolderProcessEnded() throws Exception {
        NetworkNamespace orphan;
        try (ForeignNamespaces holder = ForeignNamespaces.start("--net")) {
            Loopback.bringUp(holder.namespace("net"));
            orphan = NetworkNamespace.of(holder.namespace("net"));
        }
        try (orphan; ServerSocketChannel server = orphan.openServerSocketChannel();
                SocketChannel client = orphan.openSocketChannel()) {
            server.bind(new InetSocketAddress(LOOPBACK, 0));
            assertThat(client.connect(server.getLocalAddress())).isTrue();
        }
    }

    @Test
    void aClosedNamespaceRefusesNewSocketsNamingItselfAndTheOnesMadeBeforeKeepWorking() throws Exception {
        NetworkNamespace closing = NetworkNamespace.of(foreign.namespace("net"));
        try (ServerSocketChannel server = closing.openServerSocketChannel()) {
            closing.close();
            closing.close(); // idempotent
            String path = foreign.namespace("net").toString();
            assertThatIllegalStateException().isThrownBy(closing::openSocketChannel)
                    .withMessage("network namespace " + path + " is closed");
            assertThatIllegalStateException().isThrownBy(() -> closing.socketFactory().createSocket(LOOPBACK, 80))
                    .withMessageContaining(path);
            assertThatIllegalStateException().isThrownBy(() -> closing.serverSocketFactory().createServerSocket(0))
                    .withMessageContaining(path);
            server.bind(new InetSocketAddress(LOOPBACK, 0));
            try (SocketChannel client = inside.openSocketChannel()) {
                assertThat(client.connect(server.getLocalAddress())).isTrue();
            }
        }
    }

    @Test
    void aNamespaceOfAnotherTypeIsRefusedNamingThePath() {
        Path uts = foreign.namespace("uts");
        assertThatExceptionOfType(NamespaceSwitchException.class).isThrownBy(() -> NetworkNamespace.of(uts))
                .withMessage(uts + " is a uts namespace, not a network namespace")
                .satisfies(e -> assertThat(e.namespace()).isEqualTo(uts.toString()));
    }

    @Test
    void aFileThatIsNoNamespaceIsRefusedNamingThePath(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("not-a-namespace"), "plain");
        assertThatExceptionOfType(NamespaceSwitchException.class).isThrownBy(() -> NetworkNamespace.of(file))
                .withMessageContaining(file.toString()).withMessageContaining("not a namespace");
        Path missing = directory.resolve("gone");
        assertThatExceptionOfType(NamespaceSwitchException.class).isThrownBy(() -> NetworkNamespace.of(missing))
                .withMessageContaining(missing.toString()).withMessageContaining("ENOENT");
    }

    @Test
    void withoutCapSysAdminOpeningFailsWithEpermNamingTheNamespaceAndLeavesNoWorker() throws Exception {
        Path net = foreign.namespace("net");
        long workersBefore = namespaceWorkerThreads();
        NamespaceSwitchException refused = ThreadCapabilities.withoutCapSysAdmin(() -> {
            try {
                NetworkNamespace.of(net).close();
                return null;
            }
            catch (NamespaceSwitchException e) {
                return e;
            }
        });
        assertThat(refused).isNotNull();
        assertThat(refused.errno()).isEqualTo(1);
        assertThat(refused.namespace()).isEqualTo(net.toString());
        assertThat(refused.getMessage()).contains(net.toString(), "EPERM", "CAP_SYS_ADMIN");
        await().atMost(30, TimeUnit.SECONDS).until(() -> namespaceWorkerThreads() == workersBefore);
    }

    /** The live threads of every {@link io.namspill.switching.NamespaceWorkers}. */
    private static long namespaceWorkerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith("namspill-worker-")).count();
    }

    /** Reads one int, answers it plus one; returns what it read. */
    private static int echoOnce(ServerSocket server) {
        try (Socket accepted = server.accept()) {
            int value = new DataInputStream(accepted.getInputStream()).readInt();
            new DataOutputStream(accepted.getOutputStream()).writeInt(value + 1);
            return value;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int roundTrip(Socket client, int value) throws IOException {
        new DataOutputStream(client.getOutputStream()).writeInt(value);
        return new DataInputStream(client.getInputStream()).readInt();
    }

    private static int acceptAll(ServerSocketChannel server, int connections) {
        int count = 0;
        try {
            for (; count < connections; count++) {
                server.accept().close();
            }
            return count;
        }
        catch (IOException e) {
            throw new IllegalStateException("accepted " + count + " of " + connections, e);
        }
    }
}
