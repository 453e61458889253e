package io.namspill.benchmarks;

import io.namspill.net.NetworkNamespace;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.SocketFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a socket created in another network namespace costs ({@link NetworkNamespace}: a handoff
 * to its worker, which switches in, creates, and switches back) against
 * {@link SocketChannel#open()} here; each opened and closed, from a platform thread and from a
 * virtual thread. The virtual-thread benchmarks need JDK 21+ (on 17 they fail in their setup:
 * exclude them with {@code -e Virtual}); each runs {@value #PER_VIRTUAL_THREAD} creations on one
 * virtual thread, so that starting it is spread thin. Needs CAP_SYS_ADMIN and util-linux's
 * {@code unshare}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class NetworkNamespaceBenchmark {

    static final int PER_VIRTUAL_THREAD = 100;

    private ForeignNamespace holder;
    private NetworkNamespace there;
    private SocketFactory sockets;

    /** A creation of one socket, closed at once. */
    private interface Creation {
        void once() throws IOException;
    }

    @Setup(Level.Trial)
    public void openAForeignNetworkNamespace() throws IOException, InterruptedException {
        holder = ForeignNamespace.start("net");
        there = NetworkNamespace.of(holder.path());
        sockets = there.socketFactory();
    }

    @TearDown(Level.Trial)
    public void release() {
        there.close();
        holder.close();
    }

    @Benchmark
    public boolean socketChannelHere() throws IOException {
        try (SocketChannel channel = SocketChannel.open()) {
            return channel.isOpen();
        }
    }

    @Benchmark
    public boolean socketChannelThere() throws IOException {
        try (SocketChannel channel = there.openSocketChannel()) {
            return channel.isOpen();
        }
    }

    @Benchmark
    public boolean socketFromFactoryThere() throws IOException {
        try (Socket socket = sockets.createSocket()) {
            return socket.isClosed();
        }
    }

    @Benchmark
    @OperationsPerInvocation(PER_VIRTUAL_THREAD)
    public void socketChannelHereFromVirtualThread(VirtualThreadStarter virtual) throws Throwable {
        virtual.run(() -> SocketChannel.open().close());
    }

    @Benchmark
    @OperationsPerInvocation(PER_VIRTUAL_THREAD)
    public void socketChannelThereFromVirtualThread(VirtualThreadStarter virtual) throws Throwable {
        virtual.run(() -> there.openSocketChannel().close());
    }

    /** Starts virtual threads without JDK 21 API at compile time (the bytecode baseline is 17). */
    @State(Scope.Thread)
    public static class VirtualThreadStarter {

        private MethodHandle startVirtualThread;

        @Setup(Level.Trial)
        public void findVirtualThreads() throws ReflectiveOperationException {
            startVirtualThread = MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class));
        }

        /** Runs {@code creation} {@value NetworkNamespaceBenchmark#PER_VIRTUAL_THREAD} times on one new virtual thread and waits for it. */
        void run(Creation creation) throws Throwable {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread thread = (Thread) startVirtualThread.invoke((Runnable) () -> {
                try {
                    for (int i = 0; i < PER_VIRTUAL_THREAD; i++) {
                        creation.once();
                    }
                }
                catch (Throwable e) {
                    failure.set(e);
                }
            });
            thread.join();
            if (failure.get() != null) {
                throw failure.get();
            }
        }
    }
}
