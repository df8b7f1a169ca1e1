package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.process.ChildProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/**
 * The launcher registers only the subcommand it runs, and everything when it must list them; the
 * commands that run no gate neither compile the rulebook's policies nor load the rule engine.
 */
class LazyCommandsTest {

    @TempDir
    Path dir;

    @Test
    void theCommandsThatRunNoGateDoNotTurnOnTheCompiledRulebookCache() {
        assertThat(PlanningCommand.mayCompile(new String[] {"status", "-w", "x"})).isFalse();
        assertThat(PlanningCommand.mayCompile(new String[] {"rules", "hash", "x"})).isFalse();
        assertThat(PlanningCommand.mayCompile(new String[] {"keys", "generate"})).isFalse();
        assertThat(PlanningCommand.mayCompile(new String[] {"verify", "m.yaml", "--checksums-only"})).isFalse();
        assertThat(PlanningCommand.mayCompile(new String[] {"verify", "m.yaml"})).isTrue();
        assertThat(PlanningCommand.mayCompile(new String[] {"rules", "test", "x"})).isTrue();
        assertThat(PlanningCommand.mayCompile(new String[] {"gate", "-w", "x"})).isTrue();
        assertThat(PlanningCommand.mayCompile(new String[] {"lint"})).isTrue();
    }

    @Test
    void statusDoesNotCompileThePoliciesWhileLintStillReportsTheBrokenFile() throws IOException {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Files.writeString(ws.resolve("rulebook/rules/zz-broken.drl"), "package rules;\n\nrule \"broken\"\nwhen\n"
                + "    TaskFact(\nthen\nend\n", StandardCharsets.UTF_8);

        CliRun status = CliRun.of("status", "-w", ws.toString());
        CliRun lint = CliRun.of("lint", "-w", ws.toString());

        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("fe");
        assertThat(lint.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(lint.err()).contains("rulebook/rules/zz-broken.drl");
    }

    @Test
    void aNamedCommandIsTheOnlyOneRegistered() {
        assertThat(PlanningCommand.commandsFor(new String[] {"lint", "-w", "x"})).containsExactly("lint");
    }

    @Test
    void theVersionAloneIsPrintedWithoutTheCommandModelAndReadsAsPicocliPrintsIt() {
        assertThat(PlanningCommand.versionOnly(new String[] {"--version"})).isTrue();
        assertThat(PlanningCommand.versionOnly(new String[] {"-V"})).isTrue();
        assertThat(PlanningCommand.versionOnly(new String[] {"--version", "lint"})).isFalse();
        assertThat(PlanningCommand.versionOnly(new String[] {"lint", "--version"})).isFalse();
        assertThat(CliRun.of("--version").out().strip()).isEqualTo(new VersionProvider().getVersion()[0]);
    }

    @Test
    void rulesHashOfADirectoryAloneSkipsTheCommandModelAnythingElseGoesThroughPicocli() {
        assertThat(PlanningCommand.rulesHashOnly(new String[] {"rules", "hash", "rulebook"})).contains(Path.of("rulebook"));
        assertThat(PlanningCommand.rulesHashOnly(new String[] {"rules", "hash", "--help"})).isEmpty();
        assertThat(PlanningCommand.rulesHashOnly(new String[] {"rules", "hash", "@args.txt"})).isEmpty();
        assertThat(PlanningCommand.rulesHashOnly(new String[] {"rules", "hash", ""})).isEmpty();
        assertThat(PlanningCommand.rulesHashOnly(new String[] {"rules", "hash", "a", "b"})).isEmpty();
        assertThat(PlanningCommand.rulesHashOnly(new String[] {"rules", "test", "rulebook"})).isEmpty();
    }

    @Test
    @Tag("slow")
    @Tag("subprocess")
    void rulesHashWithoutTheCommandModelPrintsAndFailsAsThroughPicocli() throws Exception {
        Path rulebook = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws")).resolve("rulebook");
        Path missing = dir.resolve("no-such-rulebook");
        for (Path directory : new Path[] {rulebook, missing}) {
            CliRun picocli = CliRun.of("rules", "hash", directory.toString());

            String[] main = mainInAChildProcess("rules", "hash", directory.toString());

            assertThat(main[0]).as("exit code").isEqualTo(String.valueOf(picocli.exitCode()));
            assertThat(main[1]).as("standard output").isEqualTo(picocli.out());
            assertThat(main[2]).as("standard error").isEqualTo(picocli.err());
        }
        assertThat(CliRun.of("rules", "hash", missing.toString()).exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    /** Exit code, standard output and standard error of the CLI's main() run in a JVM of its own. */
    private String[] mainInAChildProcess(String... args) throws Exception {
                List<String> command = ChildProcesses.java("-cp", System.getProperty("java.class.path"),
                PlanningCommand.class.getName());
        command.addAll(List.of(args));
        Path err = dir.resolve("err.txt");
        ProcessBuilder cli = new ProcessBuilder(command).redirectError(err.toFile());
        cli.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = cli.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        return new String[] {String.valueOf(code), out, Files.readString(err, StandardCharsets.UTF_8)};
    }

    @Test
    void theVersionAloneRegistersNoCommand() {
        assertThat(PlanningCommand.commandsFor(new String[] {"--version"})).isEmpty();
    }

    @Test
    void helpNoCommandAndAnUnknownNameRegisterEveryCommand() {
        assertThat(PlanningCommand.commandsFor(new String[] {"help", "lint"})).hasSize(18).contains("lint", "demo");
        assertThat(PlanningCommand.commandsFor(new String[0])).hasSize(18);
        assertThat(PlanningCommand.commandsFor(new String[] {"lnt"})).hasSize(18);
    }

    @Test
    void everyRegisteredNameIsTheNameItsClassDeclares() {
        for (String name : PlanningCommand.commandsFor(new String[0])) {
            assertThat(PlanningCommand.commandClass(name).getAnnotation(Command.class).name()).isEqualTo(name);
        }
    }

    @Test
    void theUsageListsEveryCommandAndAMisspelledOneGetsASuggestion() {
        CliRun help = CliRun.of("--help");
        for (String name : PlanningCommand.commandsFor(new String[0])) {
            assertThat(help.out()).containsPattern("(?m)^  " + name + " ");
        }
        CliRun typo = CliRun.of("lnt");
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(typo.err()).contains("; did you mean lint?");
    }

    @Test
    void rulesRegistersOnlyTheNamedSubcommandAndListsAllOfThemInItsHelp() {
        assertThat(RulesCommand.subcommandsFor(new String[] {"rules", "hash", "x"})).containsExactly("hash");
        assertThat(RulesCommand.subcommandsFor(new String[] {"rules", "--help"})).containsExactly("hash", "test", "diff", "cache");
        CliRun help = CliRun.of("rules", "--help");
        for (String name : RulesCommand.SUBCOMMANDS) {
            assertThat(help.out()).containsPattern("(?m)^  " + name + " ");
            assertThat(RulesCommand.subcommandClass(name).getAnnotation(Command.class).name()).isEqualTo(name);
        }
    }

    @Test
    void aSubcommandsHelpNamesItsParent() {
        CliRun help = CliRun.of("rules", "hash", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: planning rules hash");
    }
}
