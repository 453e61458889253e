package io.namspill.cli;

import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code namspill generate-completion}: the bash/zsh completion script, as picocli writes it. */
final class CompletionCommand {

    /** The command's name on the command line. */
    static final String NAME = "generate-completion";

    private static final String SUMMARY = "Generate bash/zsh completion script for namspill.";

    private CompletionCommand() {
    }

    /** The command's model, for {@link NamspillCommand}. */
    static CommandSpec spec() {
        CommandSpec spec = NamspillCommand.command(NAME, CompletionCommand::run, SUMMARY, "0:the script printed");
        spec.usageMessage().description(SUMMARY,
                "Run the following command to give `namspill` TAB completion in the current shell:", "",
                "  source <(namspill " + NAME + ")", "");
        return spec;
    }

    private static int run(ParseResult parsed, PrintWriter out, PrintWriter err) {
        CommandSpec root = parsed.commandSpec().root();
        // '\n', not println: a script with Windows line separators fails in strange ways
        out.print(AutoComplete.bash(root.name(), root.commandLine()));
        out.print('\n');
        return 0;
    }
}
