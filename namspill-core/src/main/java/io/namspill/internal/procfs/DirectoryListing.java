package io.namspill.internal.procfs;

import io.namspill.internal.linux.FileCalls;
import java.nio.ByteBuffer;

/**
 * Lists a directory by descriptor with {@code getdents64}, into native memory the caller owns:
 * no {@code DirectoryStream}, no path, no string per entry unless the caller makes one.
 */
final class DirectoryListing {

    /** {@code struct linux_dirent64}: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, char d_name[]. */
    private static final int DIRENT_RECLEN = 16;
    private static final int DIRENT_NAME = 19;

    /** Takes one entry's name, the NUL-terminated bytes {@code [start, end)} of the buffer. */
    @FunctionalInterface
    interface NameVisitor {
        void visit(ByteBuffer buffer, int start, int end);
    }

    private DirectoryListing() {
    }

    /**
     * Hands every entry of the open directory {@code dirFd} ({@code .} and {@code ..} included)
     * to {@code visitor}, reading through the {@code bytes} bytes at {@code address}, which
     * {@code buffer} maps; false where the listing fails.
     */
    static boolean forEachName(int dirFd, long address, ByteBuffer buffer, int bytes, NameVisitor visitor) {
        while (true) {
            long read = FileCalls.getdents64(dirFd, address, bytes);
            if (read < 0) {
                return false;
            }
            if (read == 0) {
                return true;
            }
            for (int entry = 0; entry < read; entry += buffer.getShort(entry + DIRENT_RECLEN) & 0xffff) {
                int nameStart = entry + DIRENT_NAME;
                visitor.visit(buffer, nameStart, NativeText.end(buffer, nameStart));
            }
        }
    }
}
