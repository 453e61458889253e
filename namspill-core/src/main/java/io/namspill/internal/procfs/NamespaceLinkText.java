package io.namspill.internal.procfs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Parses the text of a namespace link, {@code net:[4026531840]}. */
public final class NamespaceLinkText {

    private NamespaceLinkText() {
    }

    /**
     * The inode in {@code text}; a text that is not {@code <name>:[<decimal inode>]} makes the
     * whole snapshot untrustworthy, so it is reported as unsupported with the path and text.
     */
    static long parseInode(String text, String type, String path) {
        int open = text.indexOf(":[");
        int length = text.length();
        if (open <= 0 || length < open + 4 || text.charAt(length - 1) != ']') {
            throw malformed(text, path);
        }
        long inode = Decimal.parse(text.subSequence(open + 2, length - 1));
        if (inode <= 0) {
            throw malformed(text, path);
        }
        return inode;
    }

    /** What {@link #parseInode(ByteBuffer, int)} returns for a text that is not {@code <name>:[<inode>]}. */
    static final long MALFORMED = -1;

    /**
     * The inode in the link text of {@code length} bytes at {@code start} of {@code text}, by the
     * same rules as {@link #parseInode(String, String, String)} but without making a string:
     * {@link #MALFORMED} where the text breaks them (the caller then throws {@link #malformed}).
     */
    public static long parseInode(ByteBuffer text, int start, int length) {
        int end = start + length;
        int open = -1;
        for (int i = start; i < end - 1; i++) {
            if (text.get(i) == ':' && text.get(i + 1) == '[') {
                open = i;
                break;
            }
        }
        if (open <= start || end < open + 4 || text.get(end - 1) != ']') {
            return MALFORMED;
        }
        long inode = Decimal.parse(text, open + 2, end - 1);
        return inode <= 0 ? MALFORMED : inode;
    }

    /** The error for the malformed link text of {@code length} bytes at {@code start} of {@code text}. */
    static UnsupportedProcfs malformed(ByteBuffer text, int start, int length, String path) {
        byte[] bytes = new byte[Math.max(0, length)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = text.get(start + i);
        }
        return malformed(new String(bytes, StandardCharsets.UTF_8), path);
    }

    private static UnsupportedProcfs malformed(String text, String path) {
        return new UnsupportedProcfs(
                "malformed namespace link at " + path + ": '" + text + "' (expected <type>:[<inode>])");
    }
}
