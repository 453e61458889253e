package io.namspill.internal.procfs;

import java.nio.ByteBuffer;

/**
 * Reads fields of {@code /proc/<pid>/task/<tid>/stat}:
 * {@code <tid> (<comm>) <state> <ppid> ... <flags> ... <starttime> ...}, from a byte array or
 * in place from a (native) buffer.
 */
public final class StatLine {

    /** Field 9: the kernel's {@code PF_*} flags of the task. */
    private static final int FLAGS = 9;

    /** Field 22: the task's start time in clock ticks since boot. */
    private static final int START_TIME = 22;

    /** {@code PF_EXITING}: the task has begun to exit and is giving up its namespaces. */
    private static final long PF_EXITING = 0x4;

    private StatLine() {
    }

    /**
     * The task's start time in clock ticks since boot, or {@code -1} where the line is not a stat
     * line. The command name is in parentheses and may itself hold spaces and ')', so fields are
     * counted from the last ')'.
     */
    public static long startTime(byte[] stat) {
        return startTime(ByteBuffer.wrap(stat), 0, stat.length);
    }

    /** {@link #startTime(byte[])} of the line in {@code stat} from index {@code start} to {@code end}. */
    static long startTime(ByteBuffer stat, int start, int end) {
        return startTimeAfter(stat, commEnd(stat, start, end), end);
    }

    /** The start time of a line whose name ends at {@code commEnd} (see {@link #commEnd}). */
    static long startTimeAfter(ByteBuffer stat, int commEnd, int end) {
        return field(stat, commEnd, end, START_TIME);
    }

    /**
     * Whether the task has begun to exit ({@code PF_EXITING} in field 9): from then on its
     * namespace links read ENOENT although it is still listed, so a link that failed for such a
     * task means it is vanishing, not that the type is unknown.
     */
    static boolean isExiting(byte[] stat) {
        return isExitingAfter(ByteBuffer.wrap(stat), commEnd(ByteBuffer.wrap(stat), 0, stat.length), stat.length);
    }

    /** {@link #isExiting(byte[])} of a line whose name ends at {@code commEnd}. */
    static boolean isExitingAfter(ByteBuffer stat, int commEnd, int end) {
        long flags = field(stat, commEnd, end, FLAGS);
        return flags > 0 && (flags & PF_EXITING) != 0;
    }

    /**
     * Field {@code number} (counted from 1, at least 3) of a line whose name ends at
     * {@code commEnd}, as a decimal; {@code -1} where the line has no such field.
     */
    private static long field(ByteBuffer stat, int commEnd, int end, int number) {
        if (commEnd < 0) {
            return -1;
        }
        int i = commEnd + 2; // past ") ", at field 3
        for (int field = 3; field < number; field++) {
            while (i < end && stat.get(i) != ' ') {
                i++;
            }
            i++;
        }
        if (i >= end) {
            return -1;
        }
        int fieldEnd = i;
        while (fieldEnd < end && stat.get(fieldEnd) != ' ' && stat.get(fieldEnd) != '\n') {
            fieldEnd++;
        }
        return Decimal.parse(stat, i, fieldEnd);
    }

    /**
     * Where the command name starts: after the first {@code '('}; {@code -1} where the line has
     * none. The kernel writes the same bytes here as in the task's {@code comm} file (both come
     * from {@code proc_task_name(..., escape=false)}).
     */
    static int commStart(ByteBuffer stat, int start, int end) {
        for (int i = start; i < end; i++) {
            if (stat.get(i) == '(') {
                return i + 1;
            }
        }
        return -1;
    }

    /** The index of the last {@code ')'}, which closes the command name; {@code -1} where none. */
    static int commEnd(ByteBuffer stat, int start, int end) {
        for (int i = end - 1; i >= start; i--) {
            if (stat.get(i) == ')') {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@link #commEnd} of a line the kernel wrote, whose name starts at {@code commStart}: the
     * kernel writes at most {@value #KERNEL_NAME_BYTES} bytes of name ({@code proc_task_name}),
     * and only numbers after it, so the last {@code ')'} lies within that many bytes and the
     * search need not cross the whole line.
     */
    static int commEndOfKernelLine(ByteBuffer stat, int commStart, int end) {
        return commStart < 0 ? -1 : commEnd(stat, commStart, Math.min(end, commStart + KERNEL_NAME_BYTES + 1));
    }

    /** {@code char tcomm[64]} in {@code proc_task_name}: the longest name a stat line holds, with its NUL. */
    private static final int KERNEL_NAME_BYTES = 64;
}
