package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link StartupWarmUp}: which commands start it, on what kind of thread, and that a step that cannot
 * run is skipped rather than failing the command.
 */
class StartupWarmUpTest {

    @Test
    void statusLintGateAndAdvanceHaveStepsInTheOrderTheirMainThreadNeedsThemOtherCommandsNone() {
        assertThat(StartupWarmUp.stepsFor(new String[] {"status", "-w", "ws"}))
                .containsExactly("json", "sha256");
        assertThat(StartupWarmUp.stepsFor(new String[] {"lint", "-w", "ws"})).containsExactly("sha256-compiled", "exit-logger");
        assertThat(StartupWarmUp.stepsFor(new String[] {"gate", "-w", "ws"}))
                .containsExactly("json", "mapper", "yaml", "sha256", "schema", "exit-logger");
        assertThat(StartupWarmUp.stepsFor(new String[] {"advance", "-w", "ws"}))
                .containsExactly("json", "mapper", "yaml", "sha256", "schema", "exit-logger");
        assertThat(StartupWarmUp.stepsFor(new String[] {"verify", "-w", "ws"})).isEmpty();
        assertThat(StartupWarmUp.stepsFor(new String[] {"--version"})).isEmpty();
        assertThat(StartupWarmUp.stepsFor(new String[] {"help", "status"})).isEmpty();
        assertThat(StartupWarmUp.stepsFor(new String[0])).isEmpty();
    }

    @Test
    void aCommandWithoutStepsStartsNoThread() {
        assertThat(StartupWarmUp.start(new String[] {"verify", "-w", "ws"})).isEmpty();
        assertThat(StartupWarmUp.start(new String[0])).isEmpty();
    }

    @Test
    void theWarmUpRunsOnADaemonThreadThatEnds() throws InterruptedException {
        Optional<Thread> started = StartupWarmUp.start(new String[] {"status"});

        assertThat(started).isPresent();
        Thread thread = started.orElseThrow();
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo("planning-warm-up");
        thread.join(Duration.ofMinutes(1).toMillis());
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void theClassItInitialisesIsOnTheCommandsClassPath() throws ClassNotFoundException {
        ClassLoader loader = StartupWarmUp.class.getClassLoader();

        assertThat(Class.forName(StartupWarmUp.JSON_PARSER, false, loader)).isNotNull();
        assertThat(Class.forName(StartupWarmUp.MAPPER, false, loader)).isNotNull();
        assertThat(Class.forName(StartupWarmUp.YAML, false, loader)).isNotNull();
        assertThat(Class.forName(StartupWarmUp.SCHEMA, false, loader)).isNotNull();
    }

    @Test
    void aStepThatCannotRunIsSkippedAndTheOthersStillRun() {
        List<String> steps = List.of("no-such-step", "json", "mapper", "yaml", "schema", "sha256",
                "sha256-compiled", "exit-logger");

        assertThatCode(() -> StartupWarmUp.run(steps)).doesNotThrowAnyException();
    }
}
