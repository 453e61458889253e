package io.namspill;

/** Parses the text of a namespace link, {@code net:[4026531840]}. */
final class NamespaceLinkText {

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
        long inode = 0;
        for (int i = open + 2; i < length - 1; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || inode > (Long.MAX_VALUE - 9) / 10) {
                throw malformed(text, path);
            }
            inode = inode * 10 + (c - '0');
        }
        if (inode == 0) {
            throw malformed(text, path);
        }
        return inode;
    }

    private static TaskScanner.UnsupportedProcfs malformed(String text, String path) {
        return new TaskScanner.UnsupportedProcfs(
                "malformed namespace link at " + path + ": '" + text + "' (expected <type>:[<inode>])");
    }
}
