import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A plain Java application for e2e/agent-prometheus-e2e.sh, run from source
 * ({@code java -cp jna.jar LeakOnSignal.java SIGNAL_FILE}): it knows nothing of namspill, and once
 * SIGNAL_FILE exists it leaks a UTS namespace through its own JNA on the pool thread
 * "app-worker-1", prints "leaked", and runs on until it is stopped.
 */
public class LeakOnSignal {

    interface C extends Library {
        int unshare(int flags) throws LastErrorException;
    }

    private static final int CLONE_NEWUTS = 0x04000000;

    public static void main(String[] args) throws Exception {
        Path signal = Path.of(args[0]);
        C libc = Native.load("c", C.class);
        ExecutorService pool = Executors.newSingleThreadExecutor(task -> new Thread(task, "app-worker-1"));
        System.out.println("started");
        while (!Files.exists(signal)) {
            Thread.sleep(100);
        }
        pool.submit(() -> libc.unshare(CLONE_NEWUTS)).get();
        System.out.println("leaked");
        Thread.currentThread().join();
    }
}
