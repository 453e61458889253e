package io.namspill.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which frames of a traced call's stack are the application's: the plain value, without a trace
 * (the trace itself is proven in {@link OriginTraceTests}).
 */
class OriginTests {

    @Test
    void theApplicationFramesStartAfterJnaAndTheProxyOfAPackagePrivateLibraryInterface() {
        // as the demo's stack is: JNA binds its package-private interface through a proxy in its own package
        Origin origin = unshare(frame("com.sun.jna.Native", "invokeInt"), frame("com.sun.jna.Library$Handler", "invoke"),
                frame("example.demo.$Proxy92", "unshare"), frame("example.demo.RawCalls", "unshare"),
                frame("example.demo.LeakyPool", "carelessTask"), frame("java.lang.Thread", "run"));

        assertThat(origin.applicationFrames()).extracting(StackTraceElement::getClassName)
                .containsExactly("example.demo.RawCalls", "example.demo.LeakyPool");
    }

    @Test
    void aClassWhoseNameOnlyBeginsLikeAProxyIsTheApplications() {
        Origin origin = unshare(frame("jdk.proxy2.$Proxy15", "unshare"), frame("example.demo.$ProxyFactory", "leak"),
                frame("example.demo.$Proxy", "leak"));

        assertThat(origin.applicationFrames()).extracting(StackTraceElement::getClassName)
                .containsExactly("example.demo.$ProxyFactory", "example.demo.$Proxy");
    }

    private static Origin unshare(StackTraceElement... frames) {
        return new Origin("unshare", List.of("uts"), Instant.EPOCH, Optional.of("pool-1-thread-1"), List.of(frames),
                Optional.empty());
    }

    private static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, null, -1);
    }
}
