package io.namspill.agent;

import com.sun.tools.attach.VirtualMachine;
import example.app.LeakingApplication;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.awaitility.Awaitility;

/**
 * {@link LeakingApplication} in a JVM of its own, with its own JNA and optionally the agent jar
 * on its command line: its output collected, commands sent to its standard input, its MBeans
 * read over a local JMX connection.
 */
final class ApplicationJvm implements AutoCloseable {

    static final Path AGENT_JAR = Path.of(System.getProperty("namspill.agent.jar"));
    static final Path CURRENT_JNA = Path.of(System.getProperty("namspill.app.jna.current"));
    static final Path OLD_JNA = Path.of(System.getProperty("namspill.app.jna.old"));

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final PrintWriter input;
    private JMXConnector jmx;

    private ApplicationJvm(Process process) {
        this.process = process;
        this.input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::collectOutput, "application-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the application on {@code jna}, with {@code jvmOptions} before its main class, and waits for its leak. */
    static ApplicationJvm start(Path jna, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(Arrays.asList(jvmOptions));
        command.add("-cp");
        command.add(testClasses() + java.io.File.pathSeparator + jna);
        command.add(LeakingApplication.class.getName());
        ApplicationJvm jvm = new ApplicationJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
        jvm.awaitOutput("leaked; JNA from");
        return jvm;
    }

    /** {@code -javaagent:<the agent jar>=options}. */
    static String javaagent(String options) {
        return "-javaagent:" + AGENT_JAR + (options.isEmpty() ? "" : "=" + options);
    }

    private static String testClasses() {
        try {
            return Path.of(LeakingApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        }
        catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    String output() {
        return output.toString();
    }

    /** Waits until the output holds {@code text}; fails naming the output otherwise. */
    void awaitOutput(String text) {
        Awaitility.await(text).atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .failFast("the application ended:\n" + output, () -> !process.isAlive())
                .until(() -> output.indexOf(text) >= 0);
    }

    /** How often {@code text} appears in the output. */
    int occurrences(String text) {
        String all = output.toString();
        int count = 0;
        for (int at = all.indexOf(text); at >= 0; at = all.indexOf(text, at + text.length())) {
            count++;
        }
        return count;
    }

    /** Sends one command line to the application. */
    void send(String command) {
        input.println(command);
    }

    /** An attribute of the MBean {@code name}, read over JMX. */
    Object attribute(String name, String attribute) throws IOException, JMException {
        return connection().getAttribute(new ObjectName(name), attribute);
    }

    /** Invokes the no-argument operation {@code operation} of the MBean {@code name}. */
    Object invoke(String name, String operation) throws IOException, JMException {
        return connection().invoke(new ObjectName(name), operation, new Object[0], new String[0]);
    }

    boolean isRegistered(String name) throws IOException, JMException {
        return connection().isRegistered(new ObjectName(name));
    }

    /** The names of the application's live threads. */
    List<String> threadNames() throws IOException {
        ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(connection(),
                ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
        return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(Objects::nonNull).map(ThreadInfo::getThreadName).toList();
    }

    private MBeanServerConnection connection() throws IOException {
        if (jmx == null) {
            String address;
            try {
                VirtualMachine vm = VirtualMachine.attach(Long.toString(pid()));
                try {
                    address = vm.startLocalManagementAgent();
                }
                finally {
                    vm.detach();
                }
            }
            catch (com.sun.tools.attach.AttachNotSupportedException e) {
                throw new IOException(e);
            }
            jmx = JMXConnectorFactory.connect(new JMXServiceURL(address));
        }
        return jmx.getMBeanServerConnection();
    }

    private void collectOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.append(line).append('\n');
            }
        }
        catch (IOException e) {
            output.append("(output lost: ").append(e).append(")\n");
        }
    }

    /** Ends the application as it ends by itself (its input closed) and waits for its exit. */
    void stop() throws IOException {
        if (jmx != null) { // while the application still answers
            jmx.close();
            jmx = null;
        }
        input.close();
        Awaitility.await("the application's exit").atMost(PATIENCE).until(() -> !process.isAlive());
    }

    @Override
    public void close() throws IOException {
        try {
            if (jmx != null) {
                jmx.close();
            }
        }
        finally {
            input.close();
            process.destroyForcibly();
        }
    }
}
