package io.namspill.internal.procfs;

import java.nio.ByteBuffer;

/**
 * The one parser of the unsigned decimals that procfs and the thread dump write (tids, pids,
 * stat fields, inodes): ASCII digits only, no sign, no spaces, with overflow refused. Works in
 * place on (native) buffers so that a scan makes no strings.
 */
final class Decimal {

    /** What the parsers return where the text is not such a decimal. */
    static final long NONE = -1;

    private Decimal() {
    }

    /** The decimal that is all of {@code [start, end)} of {@code bytes}, or {@link #NONE}. */
    static long parse(ByteBuffer bytes, int start, int end) {
        if (end <= start) {
            return NONE;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = bytes.get(i) - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return NONE;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** The decimal that is all of {@code text}, or {@link #NONE}. */
    static long parse(CharSequence text) {
        int length = text.length();
        if (length == 0) {
            return NONE;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return NONE;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** A tid or pid: a decimal in {@code [1, Integer.MAX_VALUE]} of at most 10 digits, or {@code -1}. */
    static int parseId(ByteBuffer bytes, int start, int end) {
        return end - start > 10 ? -1 : asId(parse(bytes, start, end));
    }

    /** {@link #parseId(ByteBuffer, int, int)} of {@code text}. */
    static int parseId(CharSequence text) {
        return text.length() > 10 ? -1 : asId(parse(text));
    }

    private static int asId(long value) {
        return value < 0 || value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    /** How many digits {@link #write} writes for {@code value} (not negative). */
    static int digits(int value) {
        int digits = 1;
        for (int rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }

    /** The digits of {@code value} (not negative) written at {@code offset}; returns the offset after them. */
    static int write(ByteBuffer bytes, int offset, int value) {
        int digits = digits(value);
        for (int i = offset + digits - 1; i >= offset; i--) {
            bytes.put(i, (byte) ('0' + value % 10));
            value /= 10;
        }
        return offset + digits;
    }
}
