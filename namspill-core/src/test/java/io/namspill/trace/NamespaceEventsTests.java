package io.namspill.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.namspill.Namespaces;
import io.namspill.Namspill;
import io.namspill.internal.linux.LinuxAbi;
import io.namspill.monitor.NamespaceMonitor;
import io.namspill.testing.ForeignNamespaces;
import io.namspill.testing.IdlePool;
import io.namspill.testing.Privileges;
import io.namspill.testing.RawJna;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The JFR events, recorded with a {@link RecordingStream}: a switch through {@link Namespaces}, a traced leak. */
@Tag("origin-trace")
class NamespaceEventsTests {

    @BeforeAll
    static void enableTrace() {
        Privileges.assumeCanCreateNamespaces();
        assertThat(Namspill.enableTrace().active()).isTrue();
    }

    @Test
    void aSwitchThroughNamespacesIsOneEventLastingTheTimeInside() throws Exception {
        Privileges.assumeCanRestoreNamespaces(); // the switch must return (not so as root of a user namespace only)
        List<RecordedEvent> events = new CopyOnWriteArrayList<>();
        try (ForeignNamespaces foreign = ForeignNamespaces.start("--uts");
                RecordingStream stream = recording("io.namspill.NamespaceSwitch", events)) {
            int tid = Namespaces.call(foreign.namespace("uts"), io.namspill.internal.linux.LinuxNative::gettid);

            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> events.stream().anyMatch(e -> e.getInt("tid") == tid));
            RecordedEvent event = events.stream().filter(e -> e.getInt("tid") == tid).findFirst().orElseThrow();
            assertThat(event.getString("types")).isEqualTo("uts");
            assertThat(event.getString("namespaces")).contains(foreign.namespace("uts").toString());
            assertThat(event.getBoolean("failed")).isFalse();
            assertThat(event.getDuration()).isPositive();
            assertThat(event.getThread().getJavaName()).isEqualTo(Thread.currentThread().getName());
        }
    }

    @Test
    void aLeakFirstFoundIsOneEventNamingTheTaskTheTypesAndTheOrigin() throws Exception {
        List<RecordedEvent> events = new CopyOnWriteArrayList<>();
        try (IdlePool pool = new IdlePool("jfr-leaker");
                RecordingStream stream = recording("io.namspill.NamespaceLeak", events);
                NamespaceMonitor monitor = NamespaceMonitor.builder().cacheTtl(Duration.ZERO).build()) {
            pool.run(NamespaceEventsTests::leakForJfr);
            int tid = pool.strayWorker().task().tid();

            monitor.current();
            monitor.current(); // found again: no second event

            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> events.stream().anyMatch(e -> e.getInt("tid") == tid));
            List<RecordedEvent> mine = events.stream().filter(e -> e.getInt("tid") == tid).toList();
            assertThat(mine).hasSize(1);
            RecordedEvent event = mine.get(0);
            assertThat(event.getString("taskName")).isEqualTo("jfr-leaker");
            assertThat(event.getString("javaThread")).isEqualTo("jfr-leaker");
            assertThat(event.getString("types")).isEqualTo("uts");
            assertThat(event.getString("originSyscall")).isEqualTo("unshare");
            assertThat(event.getString("originTypes")).isEqualTo("uts");
            assertThat(event.getString("originThread")).isEqualTo("jfr-leaker");
            assertThat(event.getInstant("originTime")).isBeforeOrEqualTo(event.getStartTime());
            assertThat(event.getString("originStackTrace"))
                    .contains(NamespaceEventsTests.class.getName() + ".leakForJfr(NamespaceEventsTests.java:");
        }
    }

    private static RecordingStream recording(String name, List<RecordedEvent> into) {
        RecordingStream stream = new RecordingStream();
        stream.enable(name);
        stream.onEvent(name, into::add);
        stream.startAsync();
        return stream;
    }

    private static Void leakForJfr() {
        RawJna.LIBC.unshare(LinuxAbi.CLONE_NEWUTS);
        return null;
    }
}
