package io.namspill.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code /proc/<pid>/stat} and {@code cmdline} say of a process, both readable by every
 * user: its command and whether it is a kernel thread.
 *
 * @param command the command line, arguments separated by spaces; {@code [comm]} where it has none
 * @param kernelThread whether it is a kernel thread ({@code PF_KTHREAD}), which has no namespaces of its own to judge
 * @param ended whether it has ended: a zombie (or dead) leader with no other thread
 */
record ProcessInfo(long pid, String command, boolean kernelThread, boolean ended) {

    /** {@code PF_KTHREAD} in {@code include/linux/sched.h}: the flags field of {@code stat}. */
    private static final long KERNEL_THREAD_FLAG = 0x00200000L;

    /** Indexes among the fields after the command name in parentheses ({@code proc(5)}). */
    private static final int STATE = 0;
    private static final int FLAGS = 6;
    private static final int THREADS = 17;

    /** Reads process {@code pid}; empty where it is gone (or its stat line is unreadable). */
    static Optional<ProcessInfo> read(Path procfs, long pid) {
        Path dir = procfs.resolve(Long.toString(pid));
        String stat;
        try {
            stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
        }
        catch (IOException e) {
            return Optional.empty();
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return Optional.empty();
        }
        String comm = stat.substring(open + 1, close);
        String[] fields = stat.substring(close + 1).strip().split(" ");
        if (fields.length <= THREADS) {
            return Optional.empty();
        }
        boolean kernelThread = (Long.parseUnsignedLong(fields[FLAGS]) & KERNEL_THREAD_FLAG) != 0;
        boolean ended = (fields[STATE].equals("Z") || fields[STATE].equals("X")) && Long.parseLong(fields[THREADS]) <= 1;
        return Optional.of(new ProcessInfo(pid, commandLine(dir).orElse("[" + comm + "]"), kernelThread, ended));
    }

    private static Optional<String> commandLine(Path dir) {
        byte[] cmdline;
        try {
            cmdline = Files.readAllBytes(dir.resolve("cmdline"));
        }
        catch (IOException e) {
            return Optional.empty();
        }
        int length = cmdline.length;
        while (length > 0 && cmdline[length - 1] == 0) {
            length--;
        }
        if (length == 0) {
            return Optional.empty();
        }
        for (int i = 0; i < length; i++) {
            if (cmdline[i] == 0) {
                cmdline[i] = ' ';
            }
        }
        return Optional.of(new String(cmdline, 0, length, StandardCharsets.UTF_8));
    }
}
