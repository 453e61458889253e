package io.namspill.agent;

import static org.assertj.core.api.Assertions.assertThat;

import example.app.LeakingApplication;
import io.namspill.monitor.MonitorOwner;
import io.namspill.testing.Privileges;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordingFile;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged agent in JVMs that know nothing of namspill ({@link LeakingApplication}, which
 * leaks a UTS namespace through its own JNA on a named pool thread): at start and attached, on
 * today's JNA and an old one, loaded twice, and beside a starter that already monitors.
 */
@Tag("agent-jvm")
class AgentInApplicationJvmTests {

    private static final String MBEAN = "io.namspill:type=Namspill";
    private static final String UTS_MBEAN = "io.namspill:type=NamespaceType,name=uts";
    private static final String LEAK_LINE = "Namespace leak: ";

    static Stream<Path> applicationJna() {
        return Stream.of(ApplicationJvm.CURRENT_JNA, ApplicationJvm.OLD_JNA);
    }

    @BeforeEach
    void needsNamespaces() {
        Privileges.assumeCanCreateNamespaces();
    }

    @ParameterizedTest
    @MethodSource("applicationJna")
    void anAgentGivenAtStartReportsTheApplicationsLeakAndLeavesItsJnaAlone(Path jna) throws Exception {
        try (ApplicationJvm app = ApplicationJvm.start(jna, ApplicationJvm.javaagent("check-interval=1s"))) {
            assertReportsTheLeak(app);
            assertApplicationUndisturbed(app, jna);
        }
    }

    @ParameterizedTest
    @MethodSource("applicationJna")
    void anAgentAttachedToARunningJvmReportsTheLeakItFinds(Path jna) throws Exception {
        try (ApplicationJvm app = ApplicationJvm.start(jna)) {
            Attach.Outcome outcome = Attach.attach(app.pid(), ApplicationJvm.AGENT_JAR, false);

            assertThat(outcome.status()).startsWith("running (check-interval=PT30S");
            assertThat(outcome.monitors()).isTrue();
            assertReportsTheLeak(app);
            assertApplicationUndisturbed(app, jna);
        }
    }

    @Test
    void loadingTheAgentTwiceKeepsOneMonitorAndEnablesTheTraceWhenAsked() throws Exception {
        try (ApplicationJvm app = ApplicationJvm.start(ApplicationJvm.CURRENT_JNA, ApplicationJvm.javaagent("check-interval=1s"))) {
            Attach.Outcome second = Attach.attach(app.pid(), ApplicationJvm.AGENT_JAR, true);

            assertThat(second.status()).startsWith("running (check-interval=PT1S");
            app.awaitOutput("already loaded in this JVM");
            assertReportsTheLeak(app);
            assertThat(app.threadNames()).filteredOn("namspill-scanner"::equals).hasSize(1);
            assertThat(app.occurrences(LEAK_LINE)).isEqualTo(1);
            assertThat(app.attribute(MBEAN, "TraceActive")).isEqualTo(true);
        }
    }

    @Test
    void anAgentAttachedWhereTheStarterMonitorsBacksOff() throws Exception {
        try (ApplicationJvm app = ApplicationJvm.start(ApplicationJvm.CURRENT_JNA,
                "-D" + MonitorOwner.PROPERTY + "=" + MonitorOwner.SPRING_BOOT_STARTER)) {
            Attach.Outcome outcome = Attach.attach(app.pid(), ApplicationJvm.AGENT_JAR, false);

            assertThat(outcome.status()).isEqualTo("backed off: namspill's spring-boot-starter already monitors this JVM");
            assertThat(outcome.monitors()).isTrue();
            app.awaitOutput("the agent backs off");
            assertThat(app.isRegistered(MBEAN)).isFalse();
            assertThat(app.threadNames()).doesNotContain("namspill-scanner");
        }
    }

    @Test
    void anAgentGivenAtStartBacksOffOnceTheStarterStartsItsMonitor() throws Exception {
        try (ApplicationJvm app = ApplicationJvm.start(ApplicationJvm.CURRENT_JNA, ApplicationJvm.javaagent("check-interval=1s"))) {
            assertReportsTheLeak(app);

            app.send("property " + MonitorOwner.PROPERTY + "=" + MonitorOwner.SPRING_BOOT_STARTER);

            app.awaitOutput("the agent backs off");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !app.isRegistered(MBEAN));
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> !app.threadNames().contains("namspill-scanner"));
        }
    }

    @Test
    void aLeakIsAJfrEventOfTheApplicationsRecording(@TempDir Path directory) throws Exception {
        Path recording = directory.resolve("app.jfr");
        try (ApplicationJvm app = ApplicationJvm.start(ApplicationJvm.CURRENT_JNA, ApplicationJvm.javaagent("check-interval=1s"),
                "-XX:StartFlightRecording=dumponexit=true,filename=" + recording)) {
            assertReportsTheLeak(app);
            app.stop();
        }

        assertThat(RecordingFile.readAllEvents(recording))
                .filteredOn(event -> event.getEventType().getName().equals("io.namspill.NamespaceLeak"))
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.getString("javaThread")).isEqualTo(LeakingApplication.WORKER);
                    assertThat(event.getString("types")).contains("uts");
                });
    }

    @Test
    void badOptionsAreLoggedBeforeJmxStartsAndTheApplicationGoesOn() throws Exception {
        // Every class the JVM loads is logged: the agent must not have started JMX before it failed.
        try (ApplicationJvm app = ApplicationJvm.start(ApplicationJvm.CURRENT_JNA, "-Xlog:class+load=info",
                ApplicationJvm.javaagent("check-interval=soon"))) {
            app.awaitOutput("namspill agent: could not start");
            assertThat(app.output()).contains("check-interval=soon: not a duration")
                    .contains("java.lang.Object source:")
                    .doesNotContain("javax.management.MBeanServer ");
            assertApplicationUndisturbed(app, ApplicationJvm.CURRENT_JNA);
        }
    }

    private static void assertReportsTheLeak(ApplicationJvm app) throws Exception {
        Awaitility.await("LeakedTasks >= 1").atMost(Duration.ofSeconds(30))
                .until(() -> (Integer) app.attribute(MBEAN, "LeakedTasks") >= 1);
        assertThat(app.attribute(MBEAN, "Supported")).isEqualTo(true);
        assertThat(app.attribute(MBEAN, "Uniform")).isEqualTo(false);
        assertThat((Integer) app.attribute(MBEAN, "Tasks")).isGreaterThan(1);
        assertThat((String) app.attribute(MBEAN, "Report")).contains(LeakingApplication.WORKER).contains("uts");
        assertThat(app.attribute(UTS_MBEAN, "LeakedTasks")).isEqualTo(1);
        assertThat(app.attribute(UTS_MBEAN, "Namespaces")).isEqualTo(2);
        app.awaitOutput(LEAK_LINE);
        assertThat(app.output().lines().filter(line -> line.contains(LEAK_LINE)).findFirst().orElseThrow())
                .contains(LeakingApplication.WORKER);
    }

    private static void assertApplicationUndisturbed(ApplicationJvm app, Path jna) {
        app.send("call");
        app.awaitOutput("pid " + app.pid());
        app.send("probe");
        app.awaitOutput("namspill visible: false, agent runtime visible: false");
        assertThat(app.output()).contains("leaked; JNA from file:").contains(jna.getFileName().toString());
    }
}
