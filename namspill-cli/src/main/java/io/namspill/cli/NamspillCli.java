package io.namspill.cli;

import io.namspill.snapshot.TaskScanner;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
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

    /** The commands that scan: only they profit from {@link #startReading()}. */
    private static final Set<String> READING_COMMANDS = Set.of(CheckCommand.NAME, PsCommand.NAME);

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
        if (args.length > 0 && READING_COMMANDS.contains(args[0])) {
            startReading();
        }
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Reads this JVM's own tasks once, on a daemon thread, while picocli builds its model on
     * this one: the first scan of a run loads JNA's native library and the reading code, which
     * then overlaps picocli's start instead of adding to it. Its result is not used; a scan that
     * fails here fails again, with its reason, where a command reads.
     */
    private static void startReading() {
        Thread reader = new Thread(() -> {
            try {
                TaskScanner.ofProcess(ProcessHandle.current().pid()).scan();
            }
            catch (RuntimeException | LinkageError e) {
                // reported by the command's own scan
            }
        }, "namspill-first-scan");
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs {@code args} writing to {@code out} and {@code err}; returns the exit status. */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = NamspillCommand.commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionStrategy(NamspillCommand::execute);
        try {
            return commandLine.execute(args);
        }
        finally {
            out.flush();
            err.flush();
        }
    }
}
