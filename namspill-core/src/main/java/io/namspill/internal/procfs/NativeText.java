package io.namspill.internal.procfs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** C strings in the native buffers of the descriptor scan: written NUL-terminated, read up to the NUL. */
final class NativeText {

    private NativeText() {
    }

    /** Writes {@code text} NUL-terminated at {@code offset}; returns the offset after the NUL. */
    static int putString(ByteBuffer buffer, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.put(offset, bytes);
        buffer.put(offset + bytes.length, (byte) 0);
        return offset + bytes.length + 1;
    }

    /** The index of the NUL that ends the string at {@code start}. */
    static int end(ByteBuffer buffer, int start) {
        int end = start;
        while (buffer.get(end) != 0) {
            end++;
        }
        return end;
    }

    /** The text of {@code [start, end)}. */
    static String string(ByteBuffer buffer, int start, int end) {
        byte[] bytes = new byte[end - start];
        buffer.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
