package io.namspill.cli;

import io.namspill.jvm.JavaThread;
import io.namspill.jvm.ThreadCorrelator;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Names the Java threads of another JVM by asking it for a thread dump through the attach
 * mechanism ({@code jdk.attach}), whose {@code nid} is the tid. Asked once, and only when a task
 * spilled (the dump stops the target at a safepoint). A process that maps no {@code libjvm.so}
 * is never asked: attaching signals the target with {@code SIGQUIT}, which ends most programs
 * that are no JVM.
 */
final class RemoteJvmThreads implements ThreadCorrelator {

    /** The package of HotSpot's attach implementation, which the jar's manifest exports to namspill. */
    static final String ATTACH_PACKAGE = "sun.tools.attach";

    private final Path procfs;
    private final long pid;
    private @Nullable String notAsked;
    private boolean asked;
    private int spilled;
    private int named;

    RemoteJvmThreads(Path procfs, long pid) {
        this.procfs = procfs;
        this.pid = pid;
    }

    @Override
    public Map<Integer, JavaThread> threadsOf(Collection<Integer> tids) {
        Optional<String> whyNot = whyNotAsk();
        if (whyNot.isPresent()) {
            notAsked = whyNot.get();
            return Map.of();
        }
        try {
            String dump = threadDump();
            asked = true;
            // The dump's nid is the tid in the JVM's own pid namespace (a container's): map it back.
            Map<Integer, Integer> hostTids = new HashMap<>();
            for (int tid : tids) {
                hostTids.put(tidInOwnNamespace(tid), tid);
            }
            Map<Integer, JavaThread> threads = new HashMap<>();
            ThreadCorrelator.threadsInDump(dump, hostTids.keySet())
                    .forEach((tid, thread) -> threads.put(hostTids.get(tid), thread));
            spilled = tids.size();
            named = threads.size();
            return threads;
        }
        catch (Exception | LinkageError e) {
            notAsked = "the JVM could not be asked through the attach mechanism: " + describe(e);
            return Map.of();
        }
    }

    /**
     * How the Java threads were named, for the report: empty where nobody was asked (nothing
     * spilled).
     */
    Optional<String> outcome() {
        if (asked) {
            return Optional.of("Java threads named by the JVM's thread dump (attach mechanism, nid = tid): " + named + " of "
                    + spilled + " spilled tasks" + (named < spilled ? "; the others are no Java threads (JVM-internal or native)" : ""));
        }
        return Optional.ofNullable(notAsked).map(why -> "Java threads not named: " + why);
    }

    /** Whether the JVM gave its thread dump. */
    boolean asked() {
        return asked;
    }

    /** Why not, where the JVM was not or could not be asked. */
    Optional<String> notAsked() {
        return Optional.ofNullable(notAsked);
    }

    /** The last {@code NSpid} of the task's status: its tid as its own pid namespace numbers it. */
    private int tidInOwnNamespace(int tid) {
        Path status = procfs.resolve(Long.toString(pid)).resolve("task").resolve(Integer.toString(tid)).resolve("status");
        try (BufferedReader lines = Files.newBufferedReader(status, StandardCharsets.ISO_8859_1)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("NSpid:")) {
                    String[] ids = line.substring("NSpid:".length()).strip().split("\\s+");
                    return Integer.parseInt(ids[ids.length - 1]);
                }
            }
        }
        catch (IOException | NumberFormatException e) {
            // gone, or a kernel without NSpid (before 4.1): the tid as this namespace sees it
        }
        return tid;
    }

    private Optional<String> whyNotAsk() {
        return AttachableJvm.whyNot(pid).map(why -> why + ": tasks are named by their task names");
    }

    /** HotSpot's {@code Thread.print}, through {@code HotSpotVirtualMachine.remoteDataDump()}. */
    private String threadDump() throws Exception {
        com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(Long.toString(pid));
        try {
            Class<?> hotSpot = Class.forName(ATTACH_PACKAGE + ".HotSpotVirtualMachine");
            if (!hotSpot.isInstance(vm)) {
                throw new IllegalStateException("not a HotSpot JVM (" + vm.getClass().getName() + ")");
            }
            try (InputStream dump = (InputStream) hotSpot.getMethod("remoteDataDump", Object[].class)
                    .invoke(vm, (Object) new Object[0])) {
                // Not readAllBytes: on JDK 17 it ends this stream after its first 4096 bytes.
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                dump.transferTo(text);
                return text.toString(StandardCharsets.UTF_8);
            }
            catch (IllegalAccessException e) {
                throw new IllegalStateException("jdk.attach does not export " + ATTACH_PACKAGE
                        + " to namspill: run it with java -jar (its manifest exports it) or --add-exports jdk.attach/"
                        + ATTACH_PACKAGE + "=ALL-UNNAMED", e);
            }
            catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        finally {
            vm.detach();
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }
}
