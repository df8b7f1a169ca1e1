package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/**
 * What {@code main} sets up before a command runs that does not change what it prints: picocli told not
 * to search the class path for Groovy, and the exit guard's hook made apart from installing it.
 */
@Isolated("sets and clears the start-up properties every command beside it reads")
class StartupPropertiesTest {

    private String savedClosures;
    private String savedExcludes;

    @BeforeEach
    void save() {
        savedClosures = System.getProperty(PlanningCommand.NO_CLOSURES);
        savedExcludes = System.getProperty(PlanningCommand.CONVERTER_EXCLUDES);
    }

    @AfterEach
    void restore() {
        restore(PlanningCommand.NO_CLOSURES, savedClosures);
        restore(PlanningCommand.CONVERTER_EXCLUDES, savedExcludes);
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @Test
    void groovyClosuresAndUnusedConvertersAreTurnedOffUnlessTheCommandLineSaidOtherwise() {
        System.clearProperty(PlanningCommand.NO_CLOSURES);
        System.clearProperty(PlanningCommand.CONVERTER_EXCLUDES);
        PlanningCommand.configurePicocli();
        assertThat(System.getProperty("picocli.disable.closures")).isEqualTo("true");
        assertThat(System.getProperty("picocli.converters.excludes")).isEqualTo(PlanningCommand.UNUSED_CONVERTERS);

        System.setProperty(PlanningCommand.NO_CLOSURES, "false");
        System.setProperty(PlanningCommand.CONVERTER_EXCLUDES, "");
        PlanningCommand.configurePicocli();
        assertThat(System.getProperty("picocli.disable.closures")).isEqualTo("false");
        assertThat(System.getProperty("picocli.converters.excludes")).isEmpty();
    }

    @Test
    void noOptionOrParameterOfAnyCommandHasATypeWhoseConverterIsLeftOut() {
        CommandLine cli = new CommandLine(new PlanningCommand());
        for (String name : PlanningCommand.commandsFor(new String[0])) {
            cli.addSubcommand(name, PlanningCommand.commandClass(name));
        }
        List<Class<?>> types = new ArrayList<>();
        collect(cli, types);

        assertThat(types).contains(Path.class)
                .noneMatch(type -> type.getName().matches(PlanningCommand.UNUSED_CONVERTERS));
        assertThat(LocalDate.class.getName()).doesNotMatch(PlanningCommand.UNUSED_CONVERTERS);
        assertThat(List.of("java.time.Duration", "java.time.MonthDay", "java.time.OffsetDateTime", "java.sql.Timestamp"))
                .allMatch(name -> name.matches(PlanningCommand.UNUSED_CONVERTERS));
    }

    private static void collect(CommandLine cli, List<Class<?>> types) {
        for (ArgSpec arg : cli.getCommandSpec().args()) {
            if (arg.converters().length > 0) {
                continue; // its own converter (the date options' DateOptions): picocli's is not asked for
            }
            types.add(arg.type());
            types.addAll(List.of(arg.auxiliaryTypes()));
        }
        for (CommandLine sub : cli.getSubcommands().values()) {
            collect(sub, types);
        }
    }

    @Test
    void aDateOptionStillParsesWithTheUnusedConvertersLeftOut() {
        PlanningCommand.configurePicocli();

        CliRun run = CliRun.of("report", "--as-of", "not-a-date");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("not-a-date").doesNotContain("No TypeConverter");
    }

    @Test
    void anInstantOptionParsesWithItsConverterLeftOut() {
        PlanningCommand.configurePicocli();

        CliRun bad = CliRun.of("store", "refusals", "--since", "not-an-instant");
        CliRun good = CliRun.of("store", "refusals", "--since", "2025-09-02T10:00:00Z", "-w", "/nonexistent");

        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("'not-an-instant' is not a date").doesNotContain("No TypeConverter");
        assertThat(good.err()).doesNotContain("--since").doesNotContain("No TypeConverter");
    }

    @Test
    void commandsStillParseAndRunWithClosuresTurnedOff() {
        PlanningCommand.configurePicocli();

        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("status");
    }

    @Test
    void theExitGuardsHookIsMadeNotStarted() {
        Thread hook = ExitGuard.hook(System.err);

        assertThat(hook.getName()).isEqualTo("planning-exit-guard");
        assertThat(hook.getState()).isEqualTo(Thread.State.NEW);
    }
}
