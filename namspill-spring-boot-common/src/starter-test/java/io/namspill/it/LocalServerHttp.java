package io.namspill.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * HTTP to the running test application of a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}
 * class, registered with {@code @RegisterExtension}: before each test it opens a
 * {@link LoopbackHttp} on the port of the test's application context ({@code local.server.port}),
 * after it closes it. Every such class needs that, and most must also wait before each test until
 * no leak of an earlier test is left: this is the one place that does both, instead of a
 * {@code @LocalServerPort} field and {@code @BeforeEach}/{@code @AfterEach} methods in every class.
 */
final class LocalServerHttp implements BeforeEachCallback, BeforeTestExecutionCallback, AfterEachCallback {

    private static final String PORT_PROPERTY = "local.server.port";

    /** True once no leak of an earlier test is left, or {@code null} to wait for nothing. */
    private final Predicate<Actuator> noLeakLeft;

    private LoopbackHttp http;

    private Actuator actuator;

    /** Opens and closes the client, waits for nothing. */
    LocalServerHttp() {
        this(null);
    }

    private LocalServerHttp(Predicate<Actuator> noLeakLeft) {
        this.noLeakLeft = noLeakLeft;
    }

    /**
     * Also waits before each test until {@code noLeakLeft} holds for the application's actuator: a
     * thread an earlier test closed leaves {@code /proc} a moment after it ended. The wait comes
     * after the class's own {@code @BeforeEach} methods, so one that skips the test (an
     * assumption) skips it without waiting.
     */
    static LocalServerHttp awaitingNoLeakFromEarlierTests(Predicate<Actuator> noLeakLeft) {
        return new LocalServerHttp(noLeakLeft);
    }

    /**
     * Also waits before each test until {@code GET /actuator/<healthPath>} answers 200 (see
     * {@link #awaitingNoLeakFromEarlierTests}).
     */
    static LocalServerHttp awaitingHealthy(String healthPath) {
        return awaitingNoLeakFromEarlierTests(actuator -> actuator.get(healthPath).status() == 200);
    }

    /** The client of the current test. */
    LoopbackHttp http() {
        return this.http;
    }

    /** The actuator of the application, called with the client of the current test. */
    Actuator actuator() {
        return this.actuator;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Integer port = SpringExtension.getApplicationContext(context).getEnvironment().getProperty(PORT_PROPERTY,
                Integer.class);
        if (port == null) {
            throw new IllegalStateException("No " + PORT_PROPERTY + " in the application context of "
                    + context.getDisplayName() + ": it needs @SpringBootTest(webEnvironment = RANDOM_PORT)");
        }
        this.http = new LoopbackHttp(port);
        this.actuator = new Actuator(this.http);
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        if (this.noLeakLeft != null) {
            // at once first: mostly nothing is left, and this runs before every test
            await().pollDelay(Duration.ZERO).until(() -> this.noLeakLeft.test(this.actuator));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (this.http != null) {
            this.http.close();
            this.http = null;
            this.actuator = null;
        }
    }
}
