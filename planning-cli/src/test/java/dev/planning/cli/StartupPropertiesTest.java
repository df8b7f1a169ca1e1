package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code main} sets up before a command runs that does not change what it prints: picocli told not
 * to search the class path for Groovy, and the exit guard's hook made apart from installing it.
 */
class StartupPropertiesTest {

    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(PlanningCommand.NO_CLOSURES);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(PlanningCommand.NO_CLOSURES);
        } else {
            System.setProperty(PlanningCommand.NO_CLOSURES, saved);
        }
    }

    @Test
    void groovyClosuresAreTurnedOffUnlessTheCommandLineSaidOtherwise() {
        System.clearProperty(PlanningCommand.NO_CLOSURES);
        PlanningCommand.disableGroovyClosures();
        assertThat(System.getProperty("picocli.disable.closures")).isEqualTo("true");

        System.setProperty(PlanningCommand.NO_CLOSURES, "false");
        PlanningCommand.disableGroovyClosures();
        assertThat(System.getProperty("picocli.disable.closures")).isEqualTo("false");
    }

    @Test
    void commandsStillParseAndRunWithClosuresTurnedOff() {
        PlanningCommand.disableGroovyClosures();

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
