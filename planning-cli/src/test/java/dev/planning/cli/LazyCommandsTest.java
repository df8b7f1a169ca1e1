package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The launcher registers only the subcommand it runs, and everything when it must list them. */
class LazyCommandsTest {

    @Test
    void aNamedCommandIsTheOnlyOneRegistered() {
        assertThat(PlanningCommand.commandsFor(new String[] {"lint", "-w", "x"})).containsExactly("lint");
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
        assertThat(typo.err()).contains("Did you mean: planning lint?");
    }

    @Test
    void aSubcommandsHelpNamesItsParent() {
        CliRun help = CliRun.of("rules", "hash", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: planning rules hash");
    }
}
