package example.app;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An application that knows nothing of namspill, run in a JVM of its own by the agent's tests
 * with its own JNA: it leaks a UTS namespace through that JNA on a pool thread named
 * {@value #WORKER}, then answers commands on standard input, one per line:
 * {@code call} (a native call through its JNA: prints {@code pid <n>}), {@code probe} (whether
 * namspill's classes are visible to it), {@code property <key>=<value>} (sets a system property,
 * as the starter does to mark the JVM as monitored).
 */
public final class LeakingApplication {

    /** The name of the pool thread that leaks. */
    public static final String WORKER = "app-worker-1";

    private static final int CLONE_NEWUTS = 0x04000000;

    /** The application's own binding. */
    public interface C extends Library {
        int unshare(int flags) throws LastErrorException;

        int getpid();
    }

    private LeakingApplication() {
    }

    public static void main(String[] args) throws Exception {
        C libc = Native.load("c", C.class);
        ExecutorService pool = Executors.newSingleThreadExecutor(task -> new Thread(task, WORKER));
        pool.submit(() -> libc.unshare(CLONE_NEWUTS)).get();
        System.out.println("leaked; JNA from " + Native.class.getProtectionDomain().getCodeSource().getLocation());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("call")) {
                System.out.println("pid " + libc.getpid());
            }
            else if (line.equals("probe")) {
                System.out.println("namspill visible: " + visible("io.namspill.Namspill")
                        + ", agent runtime visible: " + visible("io.namspill.agent.runtime.AgentRuntime"));
            }
            else if (line.startsWith("property ")) {
                String[] property = line.substring("property ".length()).split("=", 2);
                System.setProperty(property[0], property[1]);
                System.out.println("set " + property[0]);
            }
        }
        pool.shutdownNow();
    }

    private static boolean visible(String className) {
        try {
            Class.forName(className);
            return true;
        }
        catch (ClassNotFoundException e) {
            return false;
        }
    }
}
