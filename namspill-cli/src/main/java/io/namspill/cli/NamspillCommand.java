package io.namspill.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The top command, {@code namspill}: a subcommand is one class listed here.
 */
// Every subcommand inherits the help and version options, the version provider and the exit status heading.
@Command(name = "namspill", mixinStandardHelpOptions = true, versionProvider = Version.class, scope = ScopeType.INHERIT,
        synopsisSubcommandLabel = "COMMAND",
        description = {
                "Finds threads attached to other Linux namespaces than their process's thread-group leader: reads "
                        + "/proc/<pid>/task/*/ns/* of any process it may read (the same user, or CAP_SYS_PTRACE)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every task uniform", "1:at least one task spilled",
                "2:a process could not be read, or the command line is wrong"},
        subcommands = {CheckCommand.class, PsCommand.class, AttachCommand.class, AutoComplete.GenerateCompletion.class})
final class NamspillCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: check, ps, attach or generate-completion");
    }
}
