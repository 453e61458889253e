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

    @Test
    void aLambdasHiddenClassIsSkippedButTheLambdasOwnMethodIsTheApplications() {
        // JDK 17 names a lambda's class $$Lambda$1383/0x..., JDK 21 and later $$Lambda/0x...
        Origin origin = unshare(frame("example.demo.RawCalls", "unshare"),
                frame("example.demo.LeakController", "lambda$leak$0"),
                frame("example.demo.LeakController$$Lambda$1383/0x00007fad8055ae48", "call"),
                frame("example.demo.Workers$$Lambda/0x000071d3c8041a30", "run"),
                frame("example.demo.Workers", "submit"));

        assertThat(origin.applicationFrames()).extracting(StackTraceElement::getClassName)
                .containsExactly("example.demo.RawCalls", "example.demo.LeakController", "example.demo.Workers");
    }

    private static Origin unshare(StackTraceElement... frames) {
        return new Origin("unshare", List.of("uts"), Instant.EPOCH, Optional.of("pool-1-thread-1"), List.of(frames),
                Optional.empty());
    }

    private static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, null, -1);
    }
}
