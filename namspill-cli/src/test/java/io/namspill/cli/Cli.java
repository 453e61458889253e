package io.namspill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code namspill} command in this JVM, as {@code main} does, and keeps what it printed. */
final class Cli {

    /** The exit status and both outputs of one run. */
    record Run(int status, String out, String err) {

        /** Fails where standard error shows a stack trace: the command never prints one. */
        Run withoutStackTrace() {
            assertThat(err).doesNotContain("\tat ", "Exception in thread", "Caused by");
            return this;
        }

        /** Standard output, once the command has exited with 0 (else fails showing standard error). */
        String outOfSuccess() {
            assertThat(status).as(err).isZero();
            return out;
        }
    }

    private Cli() {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = NamspillCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }
}
