package io.namspill.switching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.namspill.internal.linux.Errno;
import io.namspill.internal.linux.NativeCallException;
import io.namspill.snapshot.NamespaceType;
import io.namspill.testing.ForeignNamespacesExtension;
import io.namspill.testing.NamespaceLinks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The order and the rollback of a switch's {@code setns} calls, seen through a recording kernel. */
class NamespaceSwitcherTests {

    @RegisterExtension
    static final ForeignNamespacesExtension foreign = ForeignNamespacesExtension.holding("--net", "--uts", "--ipc");

    @Test
    void severalNamespacesAreEnteredInTheOrderGivenAndLeftInReverseOrder() throws Exception {
        List<String> calls = new ArrayList<>();
        TestSwitches switches = TestSwitches.with(new RecordingKernel(calls));

        Map<String, Long> inside = switches.into(foreign.namespace("net"), foreign.namespace("uts"), foreign.namespace("ipc"))
                .call(() -> Map.of("net", NamespaceLinks.ofCurrentThread("net"), "uts", NamespaceLinks.ofCurrentThread("uts"),
                        "ipc", NamespaceLinks.ofCurrentThread("ipc")));

        assertThat(inside).isEqualTo(Map.of("net", foreign.inode("net"), "uts", foreign.inode("uts"), "ipc", foreign.inode("ipc")));
        assertThat(calls).containsExactly("enter net", "enter uts", "enter ipc", "restore ipc", "restore uts", "restore net");
        for (String type : List.of("net", "uts", "ipc")) {
            assertThat(NamespaceLinks.ofCurrentThread(type)).as(type).isEqualTo(NamespaceLinks.ofLeader(type));
        }
    }

    @Test
    void aFailureToEnterTheSecondNamespaceSwitchesBackTheFirstAndNamesThePathAndTheCause() {
        TestSwitches switches = TestSwitches.with(new RecordingKernel(new ArrayList<>()) {
            @Override
            public void enter(int fd, NamespaceType type, String namespace) {
                if (type == NamespaceType.UTS) {
                    throw new NativeCallException("setns(" + namespace + ")", Errno.EPERM.number());
                }
                super.enter(fd, type, namespace);
            }
        });
        AtomicBoolean ran = new AtomicBoolean();
        Path uts = foreign.namespace("uts");

        assertThatThrownBy(() -> switches.into(foreign.namespace("net"), uts).run(() -> ran.set(true)))
                .isInstanceOfSatisfying(NamespaceSwitchException.class, e -> {
                    assertThat(e.namespace()).isEqualTo(uts.toString());
                    assertThat(e.errno()).isEqualTo(Errno.EPERM.number());
                })
                .hasMessageContaining(uts.toString())
                .hasMessageContaining("EPERM")
                .hasMessageContaining("needs CAP_SYS_ADMIN");

        assertThat(ran).isFalse();
        assertThat(NamespaceLinks.ofCurrentThread("net")).isEqualTo(NamespaceLinks.ofLeader("net"));
        assertThat(NamespaceLinks.ofCurrentThread("uts")).isEqualTo(NamespaceLinks.ofLeader("uts"));
    }
}
