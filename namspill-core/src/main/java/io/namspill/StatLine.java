package io.namspill;

/** Reads fields of {@code /proc/<pid>/task/<tid>/stat}. */
final class StatLine {

    /** Field 22, {@code starttime}, counted from field 3, the first after the command name. */
    private static final int START_TIME_AFTER_COMM = 22 - 3;

    private StatLine() {
    }

    /**
     * The task's start time in clock ticks since boot, or {@code -1} where the line is not a stat
     * line. The command name is in parentheses and may itself hold spaces and ')', so fields are
     * counted from the last ')'.
     */
    static long startTime(byte[] stat) {
        int end = stat.length;
        int i = end - 1;
        while (i >= 0 && stat[i] != ')') {
            i--;
        }
        if (i < 0) {
            return -1;
        }
        i += 2; // past ") "
        for (int field = 0; field < START_TIME_AFTER_COMM; field++) {
            while (i < end && stat[i] != ' ') {
                i++;
            }
            i++;
        }
        long value = 0;
        boolean digits = false;
        while (i < end && stat[i] >= '0' && stat[i] <= '9') {
            value = value * 10 + (stat[i] - '0');
            digits = true;
            i++;
        }
        return digits ? value : -1;
    }
}
