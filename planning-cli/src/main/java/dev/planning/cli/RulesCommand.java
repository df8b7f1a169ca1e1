package dev.planning.cli;

import dev.planning.engine.rulebook.RulebookHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code planning rules ...}: commands for rulebook authors. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Rulebook tools: hash a rulebook.",
        subcommands = {RulesCommand.Hash.class})
final class RulesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a rules subcommand is required");
    }

    /** {@code planning rules hash DIR}: prints the rulebook hash (see the README for the coreutils recipe). */
    @Command(name = "hash", mixinStandardHelpOptions = true,
            description = "Print the SHA-256 rulebook hash of DIR (recomputable with coreutils; see README).")
    static final class Hash implements Callable<Integer> {

        @Parameters(paramLabel = "DIR", description = "Rulebook directory.")
        Path directory;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!Files.isDirectory(directory)) {
                throw new dev.planning.api.InvalidInputException("rulebook directory not found: " + directory);
            }
            spec.commandLine().getOut().println(RulebookHasher.hash(directory));
            return ExitCodes.OK;
        }
    }
}
