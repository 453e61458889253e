package io.namspill.trace;

import io.namspill.internal.jvm.StackFrames;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The traced {@code setns} or {@code unshare} call that left a task in its current foreign
 * namespace, with the Java stack that made it.
 *
 * @param syscall {@code "setns"} or {@code "unshare"}
 * @param types the namespace types that call changed, as link names ({@code "uts"}, {@code "pid_for_children"})
 * @param time when the call was made
 * @param threadName the calling Java thread's name, where it was found
 * @param frames the calling thread's frames at the call, innermost first; empty where no stack was taken
 * @param stackUnavailable why {@code frames} is empty (over the capture budget, no Java thread found in time)
 */
public record Origin(String syscall, List<String> types, Instant time, Optional<String> threadName,
        List<StackTraceElement> frames, Optional<String> stackUnavailable) {

    /** Frames of the JDK, of JNA and of namspill's own switching, skipped by {@link #applicationFrames()}. */
    private static final List<String> PLATFORM_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "io.namspill.internal.", "io.namspill.switching.", "io.namspill.Namespaces");

    /** The JDK's names for dynamic proxy classes: {@code $Proxy92} in any package. */
    private static final Pattern JDK_PROXY = Pattern.compile("(?:.*\\.)?\\$Proxy\\d+");

    public Origin {
        Objects.requireNonNull(syscall, "syscall");
        types = List.copyOf(types);
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(threadName, "threadName");
        frames = List.copyOf(frames);
        Objects.requireNonNull(stackUnavailable, "stackUnavailable");
    }

    /**
     * The frames as {@link io.namspill.jvm.JavaThread#stackTrace()} shows them:
     * {@code java.base/java.lang.Thread.run(Thread.java:840)}, {@code com.example.Pool.leak(Pool.java:41)}
     * (the module in front, its version only where it is not the JDK's, no class loader name).
     */
    public List<String> stackTrace() {
        return frames.stream().map(StackFrames::asDumped).toList();
    }

    /**
     * The frames outside the JDK, JNA and namspill: the code that made the call. JDK dynamic
     * proxies ({@code $Proxy92}) are left out too: JNA binds an interface through one, and for a
     * package-private interface the proxy lives in the application's package. So are hidden
     * classes such as a lambda's ({@code Pool$$Lambda$1383/0x00007fad8055ae48},
     * {@code Pool$$Lambda/0x0000...}): generated glue with no source line, whose code is the
     * {@code lambda$...} method of the frame below it.
     */
    public List<StackTraceElement> applicationFrames() {
        return frames.stream().filter(frame -> !isPlatform(frame.getClassName())).toList();
    }

    /** {@link #applicationFrames()} in the form of {@link #stackTrace()}. */
    public List<String> applicationStackTrace() {
        return applicationFrames().stream().map(StackFrames::asDumped).toList();
    }

    /** The call in short: {@code unshare(uts)}. */
    public String call() {
        return syscall + "(" + String.join(", ", types) + ")";
    }

    private static boolean isPlatform(String className) {
        return PLATFORM_PREFIXES.stream().anyMatch(className::startsWith) || isJdkProxy(className)
                || isHiddenClass(className);
    }

    private static boolean isJdkProxy(String className) {
        return JDK_PROXY.matcher(className).matches();
    }

    /** A hidden class's name is its binary name, a {@code /} and a suffix; no other class name has a {@code /}. */
    private static boolean isHiddenClass(String className) {
        return className.indexOf('/') >= 0;
    }
}
