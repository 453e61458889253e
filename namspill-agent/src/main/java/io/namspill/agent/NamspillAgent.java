package io.namspill.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The agent's entry point, at start ({@code -javaagent:namspill-agent.jar=key=value,...}) and
 * when loaded into a running JVM ({@link Attach}). Kept tiny on purpose: the application's class
 * loader sees this class, so it only opens a class loader of its own (parent: the platform
 * class loader) over {@value #ISOLATED_ROOT} of its jar, where the core, JNA and the agent's
 * runtime live, out of the application's sight: the application may bring any JNA of its own.
 *
 * <p>Never throws: whatever fails is logged through {@code System.Logger} {@code io.namspill}
 * and named in the system property {@value #STATUS_PROPERTY}, and the application goes on.
 */
public final class NamspillAgent {

    /**
     * The system property in which the agent says how it stands: {@code running ...},
     * {@code backed off: ...} or {@code failed: ...}. {@link Attach} reads it from outside.
     */
    public static final String STATUS_PROPERTY = "io.namspill.agent.status";

    /*
     * Compile-time constants, so that the runtime package, which loads in the agent's own class
     * loader and cannot see this class, gets them inlined.
     */

    /** The status of a monitoring agent; what follows says with which options. */
    public static final String RUNNING = "running";

    /** The status prefix of an agent that leaves the monitoring to another (the starter). */
    public static final String BACKED_OFF = "backed off: ";

    /** The status prefix of an agent that could not start; what follows says why. */
    public static final String FAILED = "failed: ";

    /** The {@code System.Logger} every line of the agent goes to. */
    public static final String LOGGER = "io.namspill";

    /** Inside the agent jar: the class path root of the agent's own class loader. */
    static final String ISOLATED_ROOT = "META-INF/namspill/classes/";

    private static final String RUNTIME_CLASS = "io.namspill.agent.runtime.AgentRuntime";

    /** One per JVM, however often the agent is loaded: a second load finds the first's runtime. */
    private static ClassLoader isolated;

    private NamspillAgent() {
    }

    /** At JVM start, before {@code main}. */
    public static void premain(String options, Instrumentation instrumentation) {
        start(options);
    }

    /** Loaded into a running JVM; called again for every further load. */
    public static void agentmain(String options, Instrumentation instrumentation) {
        start(options);
    }

    private static synchronized void start(String options) {
        try {
            if (isolated == null) {
                isolated = new URLClassLoader("namspill-agent", new URL[] {isolatedRoot()},
                        ClassLoader.getPlatformClassLoader());
            }
            Consumer<String> status = NamspillAgent::status;
            Class.forName(RUNTIME_CLASS, true, isolated)
                    .getMethod("start", String.class, Consumer.class)
                    .invoke(null, options == null ? "" : options, status);
        }
        catch (InvocationTargetException e) {
            failed(e.getCause());
        }
        catch (ReflectiveOperationException | MalformedURLException | URISyntaxException | RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    /** {@code jar:file:/.../namspill-agent.jar!/META-INF/namspill/classes/}. */
    private static URL isolatedRoot() throws URISyntaxException, MalformedURLException {
        Path jar = Path.of(NamspillAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return new URL("jar:" + jar.toUri() + "!/" + ISOLATED_ROOT);
    }

    private static void status(String text) {
        System.setProperty(STATUS_PROPERTY, text);
    }

    private static void failed(Throwable e) {
        if (!System.getProperty(STATUS_PROPERTY, "").startsWith(RUNNING)) { // a failed reload stops nothing
            status(FAILED + e);
        }
        System.getLogger(LOGGER).log(System.Logger.Level.ERROR,
                "namspill agent: could not start; the application goes on without it", e);
    }
}
