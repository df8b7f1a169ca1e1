package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.planning.cli.StartupWarmup.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Only the short read-only commands warm up, each with what it uses, and a step never fails a command. */
class StartupWarmupTest {

    @Test
    void statusWarmsUpTheParsersAndTheDigest() {
        assertThat(StartupWarmup.stepsFor(new String[] {"status", "-w", "ws"}))
                .containsExactly(Step.BIG_DECIMAL, Step.SHA_256);
    }

    @Test
    void verifyWithChecksumsOnlyAlsoWarmsUpTheLocaleDataAndEd25519() {
        assertThat(StartupWarmup.stepsFor(new String[] {"verify", "--stream", "fe", "--cycle", "c", "--checksums-only"}))
                .containsExactly(Step.BIG_DECIMAL, Step.LOCALE_DATA, Step.SHA_256, Step.ED25519);
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify --stream fe --cycle c", "gate -w ws", "advance -w ws", "lint -w ws", "--version",
        "rules hash rulebook", "keys generate --role PM --out k", "", "help status"})
    void otherCommandsDoNotWarmUp(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");

        assertThat(StartupWarmup.stepsFor(args)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void eachStepRunsWithoutThrowing(Step step) {
        assertThatCode(() -> StartupWarmup.run(step)).doesNotThrowAnyException();
    }
}
