package io.namspill.internal.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stat line fields the scan reads in place: name, flags, start time. */
class StatLineFieldsTests {

    /** A real line of a JVM thread whose name holds ") " and "(": fields count from the last ')'. */
    private static final String LINE = "4711 (a) (b c)) S 4700 4700 1 0 -1 4194560 55 0 0 0 3 1 0 0 20 0 42 0 987654 "
            + "12345 678 18446744073709551615 1 1 0 0 0 0 4 0 17410 0 0 0 -1 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

    @Test
    void readsTheStartTimeAfterANameWithParentheses() {
        assertThat(StatLine.startTime(bytes(LINE))).isEqualTo(987654);
        assertThat(StatLine.startTime(padded(LINE), 3, 3 + LINE.length())).isEqualTo(987654);
    }

    @Test
    void findsTheNameBetweenTheFirstOpeningAndTheLastClosingParenthesis() {
        ByteBuffer line = padded(LINE);
        int start = StatLine.commStart(line, 3, 3 + LINE.length());
        int end = StatLine.commEnd(line, 3, 3 + LINE.length());

        assertThat(new String(bytes(LINE), start - 3, end - start, StandardCharsets.UTF_8)).isEqualTo("a) (b c)");
        assertThat(StatLine.commEndOfKernelLine(line, start, 3 + LINE.length())).isEqualTo(end);
        assertThat(StatLine.startTimeAfter(line, end, 3 + LINE.length())).isEqualTo(987654);
    }

    @Test
    void findsTheEndOfTheLongestNameTheKernelWrites() {
        String name = "x".repeat(62) + ")";
        String line = "4711 (" + name + ") S 4700 4700 1 0 -1 4194560 55 0 0 0 3 1 0 0 20 0 42 0 987654 0\n";
        ByteBuffer buffer = ByteBuffer.wrap(bytes(line));

        int start = StatLine.commStart(buffer, 0, line.length());
        int end = StatLine.commEndOfKernelLine(buffer, start, line.length());

        assertThat(end - start).isEqualTo(63);
        assertThat(end).isEqualTo(StatLine.commEnd(buffer, 0, line.length()));
        assertThat(StatLine.startTimeAfter(buffer, end, line.length())).isEqualTo(987654);
    }

    @Test
    void tellsAnExitingTaskByItsFlags() {
        assertThat(StatLine.isExiting(bytes(LINE))).isFalse();
        assertThat(StatLine.isExiting(bytes(LINE.replace(" 4194560 ", " 4194564 ")))).isTrue();
    }

    @Test
    void aLineWithoutTheFieldsHasNone() {
        assertThat(StatLine.startTime(bytes("4711 (java) S 1 2 3"))).isEqualTo(-1);
        assertThat(StatLine.startTime(bytes("not a stat line"))).isEqualTo(-1);
        assertThat(StatLine.isExiting(bytes("not a stat line"))).isFalse();
        assertThat(StatLine.commStart(ByteBuffer.wrap(bytes("no name")), 0, 7)).isEqualTo(-1);
        assertThat(StatLine.commEndOfKernelLine(ByteBuffer.wrap(bytes("1 (no end")), 3, 9)).isEqualTo(-1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The line at index 3 of a larger direct buffer, as the native reader holds it. */
    private static ByteBuffer padded(String text) {
        byte[] bytes = bytes(text);
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length + 10);
        buffer.put(3, bytes);
        return buffer;
    }
}
