package io.namspill.internal.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The in-place parse of link texts follows exactly the rules of the string parse. */
class LinkTextBytesTests {

    @ParameterizedTest
    @ValueSource(strings = {"net:[4026531840]", "pid_for_children:[1]", "x:[922337203685477580]", "a:b:[12]"})
    void readsTheInodeOfAWellFormedText(String text) {
        long expected = NamespaceLinkText.parseInode(text, "net", "/proc/self/task/1/ns/net");

        assertThat(NamespaceLinkText.parseInode(inBuffer(text), 5, text.length())).isEqualTo(expected).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "net", ":[12]", "net:[]", "net:[0]", "net:[12", "net:[1x2]", "net:[99999999999999999999]",
            "net:12]", "net:[ 12]"})
    void rejectsAMalformedTextAsTheStringParseDoes(String text) {
        assertThatThrownBy(() -> NamespaceLinkText.parseInode(text, "net", "/proc/self/task/1/ns/net"))
                .isInstanceOf(UnsupportedProcfs.class);

        assertThat(NamespaceLinkText.parseInode(inBuffer(text), 5, text.length())).isEqualTo(NamespaceLinkText.MALFORMED);
        assertThat(NamespaceLinkText.malformed(inBuffer(text), 5, text.length(), "/proc/self/task/1/ns/net"))
                .hasMessage("malformed namespace link at /proc/self/task/1/ns/net: '" + text
                        + "' (expected <type>:[<inode>])");
    }

    /** The text at index 5 of a direct buffer with other bytes around it, as the native reader holds it. */
    private static ByteBuffer inBuffer(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length + 16);
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, (byte) ']');
        }
        buffer.put(5, bytes);
        return buffer;
    }
}
