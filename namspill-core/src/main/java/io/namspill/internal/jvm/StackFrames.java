package io.namspill.internal.jvm;

/**
 * The one text form of a stack frame in namspill's reports, thread stacks and origins alike.
 * Internal: not part of namspill's API.
 */
public final class StackFrames {

    private StackFrames() {
    }

    /**
     * The frame as the dump fallback gives it ({@code ThreadDumpParser.asStackTraceElement}), so
     * that a frame reads the same whichever way named the thread: {@link StackTraceElement#toString()}
     * without the class loader's name and without the version of a JDK module.
     */
    public static String asDumped(StackTraceElement frame) {
        StringBuilder text = new StringBuilder(96);
        String module = frame.getModuleName();
        if (module != null) {
            text.append(module);
            String version = frame.getModuleVersion();
            if (version != null && !version.equals(System.getProperty("java.version"))) {
                text.append('@').append(version);
            }
            text.append('/');
        }
        text.append(frame.getClassName()).append('.').append(frame.getMethodName()).append('(');
        if (frame.isNativeMethod()) {
            text.append("Native Method");
        }
        else if (frame.getFileName() == null) {
            text.append("Unknown Source");
        }
        else {
            text.append(frame.getFileName());
            if (frame.getLineNumber() >= 0) {
                text.append(':').append(frame.getLineNumber());
            }
        }
        return text.append(')').toString();
    }
}
