package io.namspill.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** The entry point of {@code java -jar namspill-cli.jar}: runs one command and exits with its status. */
public final class NamspillCli {

    /** Exit status where a named process could not be read, or the command line is wrong. */
    static final int UNREADABLE = 2;

    /**
     * Library settings for a run of a few hundred milliseconds, where the user gave none. JNA
     * builds its search path for libraries named without a path by running {@code ldconfig -p} as
     * a child process; namspill binds libc only, which JNA takes from the process itself
     * ({@code dlopen(NULL)}). picocli registers converters for every {@code java.time} and
     * {@code java.sql} type by reflection, loading some hundred classes no option here takes.
     */
    private static final Map<String, String> QUICK_START = Map.of(
            "jna.platform.library.path", "",
            "picocli.converters.excludes", "java.sql.*,java.time.*");

    private NamspillCli() {
    }

    /**
     * Runs the command that {@code args} name and exits with its status: {@code 0} uniform,
     * {@code 1} a task spilled, {@code 2} a process could not be read.
     *
     * @param args the command line, {@code check 1234} for example
     */
    public static void main(String[] args) {
        for (Map.Entry<String, String> setting : QUICK_START.entrySet()) {
            System.getProperties().putIfAbsent(setting.getKey(), setting.getValue());
        }
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs {@code args} writing to {@code out} and {@code err}; returns the exit status. */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new NamspillCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
            // Never a stack trace: one line that names what failed.
            line.getErr().println("namspill: " + describe(failure));
            return UNREADABLE;
        });
        try {
            return commandLine.execute(args);
        }
        finally {
            out.flush();
            err.flush();
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getName() : message;
    }
}
