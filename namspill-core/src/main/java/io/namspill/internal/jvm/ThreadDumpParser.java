package io.namspill.internal.jvm;

import io.namspill.jvm.JavaThread;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses HotSpot's {@code Thread.print} output. A Java thread's header line looks like
 * <pre>
 * "pool-1-thread-1" #31 prio=5 os_prio=0 cpu=1.2ms elapsed=3.4s tid=0x00007f.. nid=0xf76 waiting on condition  [0x..]
 * "pool-1-thread-1" #31 [3958] daemon prio=5 os_prio=0 cpu=.. elapsed=.. tid=0x.. nid=3958 waiting on condition
 * </pre>
 * (JDK 17 prints {@code nid} in hex; JDK 19 and later in decimal, with the tid also in brackets;
 * a JDK 25 carrier that is running a virtual thread has the brackets but no {@code nid}).
 * JVM-internal threads have no {@code #id} and are no Java threads.
 */
public final class ThreadDumpParser {

    private static final Pattern HEADER = Pattern.compile(
            "^\"(?<name>.*)\" #(?<id>\\d+)(?: \\[(?<bracket>\\d+)\\])?(?<daemon> daemon)?"
                    + "(?:.*? nid=(?<nid>0x[0-9a-fA-F]+|\\d+)\\b)?.*$");
    private static final String STATE_PREFIX = "java.lang.Thread.State: ";
    private static final String FRAME_PREFIX = "at ";

    private ThreadDumpParser() {
    }

    /** The Java threads of {@code wanted} tids that {@code dump} names. */
    public static Map<Integer, JavaThread> parse(String dump, Set<Integer> wanted) {
        Map<Integer, JavaThread> threads = new HashMap<>();
        String[] lines = dump.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher header = HEADER.matcher(lines[i].stripTrailing());
            if (!header.matches()) {
                continue;
            }
            int tid = header.group("nid") != null ? parseNid(header.group("nid"))
                    : header.group("bracket") != null ? parseNid(header.group("bracket")) : -1;
            if (!wanted.contains(tid)) {
                continue;
            }
            String state = "UNKNOWN";
            List<String> frames = new ArrayList<>();
            int j = i + 1;
            for (; j < lines.length && !lines[j].isBlank(); j++) {
                String line = lines[j].strip();
                if (line.startsWith(STATE_PREFIX)) {
                    String rest = line.substring(STATE_PREFIX.length());
                    int space = rest.indexOf(' ');
                    state = space < 0 ? rest : rest.substring(0, space);
                }
                else if (line.startsWith(FRAME_PREFIX)) {
                    frames.add(asStackTraceElement(line.substring(FRAME_PREFIX.length())));
                }
            }
            threads.put(tid, new JavaThread(Long.parseLong(header.group("id")), header.group("name"), state,
                    header.group("daemon") != null, frames, JavaThread.NamedBy.THREAD_DUMP));
            i = j;
        }
        return threads;
    }

    private static final Pattern MODULE_FRAME = Pattern.compile("^(?<method>[^(]+)\\((?<module>[^@/()]+)@(?<version>[^/()]+)/(?<source>[^()]*)\\)$");

    /**
     * {@code jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)}, as the dump prints
     * it, becomes {@code java.base/jdk.internal.misc.Unsafe.park(Native Method)}, as
     * {@link StackTraceElement#toString()} prints it: the module in front, and its version left
     * out where it is the running JDK's (a JDK module). Frames without a module stay as they are.
     */
    static String asStackTraceElement(String frame) {
        Matcher module = MODULE_FRAME.matcher(frame);
        if (!module.matches()) {
            return frame;
        }
        String version = module.group("version");
        String prefix = module.group("module")
                + (version.equals(System.getProperty("java.version")) ? "" : "@" + version);
        return prefix + "/" + module.group("method") + "(" + module.group("source") + ")";
    }

    private static int parseNid(String nid) {
        try {
            return nid.startsWith("0x") ? Integer.parseInt(nid.substring(2), 16) : Integer.parseInt(nid);
        }
        catch (NumberFormatException e) {
            return -1; // not a tid this process can have
        }
    }
}
