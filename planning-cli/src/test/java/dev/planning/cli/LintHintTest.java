package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The hint {@code bin/planning} guesses lint's start-up cache from ({@link LintHint}): the token is
 * written when lint printed a kept result or kept its own, the file removed when it did neither.
 * Isolated: the launcher hands the file and token over in system properties, which are process-wide.
 */
@Isolated
class LintHintTest {

    private static final String TOKEN = "/somewhere\nlint -w ws";

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(LintHint.FILE);
        System.clearProperty(LintHint.TOKEN);
        System.clearProperty(LintHint.GUESS);
        LintResultCache.noCacheAcrossRuns();
    }

    @Test
    void aKeptOutcomeWritesTheTokenWholeAndNothingBesideIt() throws Exception {
        Path hint = dir.resolve(".lint-hint");
        Files.writeString(hint, "an older token", StandardCharsets.UTF_8);

        LintHint.record(true, hint.toString(), TOKEN);

        assertThat(hint).hasContent(TOKEN);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(hint);
        }
    }

    @Test
    void twoLintsWritingTheHintAtOnceBothWriteItWholeAndLeaveNoTemporary() throws Exception {
        Path hint = dir.resolve(".lint-hint");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> writers = List.of(
                        pool.submit(() -> { start.await(); return LintHint.record(true, hint.toString(), "one"); }),
                        pool.submit(() -> { start.await(); return LintHint.record(true, hint.toString(), "two"); }));
                start.countDown();

                assertThat(writers.get(0).get()).as("round %d, first lint", round).isTrue();
                assertThat(writers.get(1).get()).as("round %d, second lint", round).isTrue();
                assertThat(Files.readString(hint, StandardCharsets.UTF_8)).isIn("one", "two");
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(hint);
        }
    }

    @Test
    void aTemporaryAKilledLintLeftAnHourAgoIsSweptByTheNextWriteAYoungerOneIsNot() throws Exception {
        Path hint = dir.resolve(".lint-hint");
        Path killed = Files.writeString(dir.resolve("..lint-hint~123456789.tmp"), "half a tok", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(killed, FileTime.from(Instant.now().minus(Duration.ofMinutes(61))));
        Path underWay = Files.writeString(dir.resolve("..lint-hint~987654321.tmp"), "another to", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(underWay, FileTime.from(Instant.now().minus(Duration.ofMinutes(59))));

        assertThat(LintHint.record(true, hint.toString(), TOKEN)).isTrue();

        assertThat(hint).hasContent(TOKEN);
        assertThat(killed).doesNotExist();
        assertThat(underWay).exists();
    }

    @Test
    void anyOtherOutcomeRemovesTheHint() throws Exception {
        Path hint = dir.resolve(".lint-hint");
        Files.writeString(hint, TOKEN, StandardCharsets.UTF_8);

        LintHint.record(false, hint.toString(), TOKEN);

        assertThat(hint).doesNotExist();
    }

    @Test
    void withoutTheLaunchersPropertiesNothingIsWritten() throws Exception {
        LintHint.record(true, null, TOKEN);
        LintHint.record(true, dir.resolve(".lint-hint").toString(), null);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aHintThatCannotBeWrittenChangesNothingElse() {
        // Its directory is missing: lint's outcome stands, nothing is thrown.
        LintHint.record(true, dir.resolve("missing/.lint-hint").toString(), TOKEN);

        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    void aLintThatEndsInAnErrorRemovesTheHintEvenWhenTheLauncherGuessedAKeptResult() throws Exception {
        Path hint = dir.resolve(".lint-hint");
        Path workspace = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Files.writeString(workspace.resolve("rulebook/rulebook.yaml"), "profiles: [", StandardCharsets.UTF_8);
        Files.writeString(hint, TOKEN, StandardCharsets.UTF_8);
        System.setProperty(LintHint.FILE, hint.toString());
        System.setProperty(LintHint.TOKEN, TOKEN);
        System.setProperty(LintHint.GUESS, "kept");
        LintResultCache.acrossRuns(Optional.of(dir.resolve("cache")), LintResultCacheTest.BUILD_KEY_FILE, () -> { });

        assertThat(CliRun.of("lint", "-w", workspace.toString()).exitCode()).isEqualTo(ExitCodes.BAD_INPUT);

        assertThat(hint).doesNotExist();
    }

    @Test
    void lintWritesTheTokenWhenItKeepsOrPrintsAKeptResultAndRemovesItWhenItCannotKeep() throws Exception {
        Path hint = dir.resolve(".lint-hint");
        Path workspace = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        System.setProperty(LintHint.FILE, hint.toString());
        System.setProperty(LintHint.TOKEN, TOKEN);
        LintResultCache.acrossRuns(Optional.of(dir.resolve("cache")), LintResultCacheTest.BUILD_KEY_FILE, () -> { });

        assertThat(CliRun.of("lint", "-w", workspace.toString()).exitCode()).isZero();
        assertThat(hint).hasContent(TOKEN);
        Files.delete(hint);
        int served = LintResultCache.served();
        assertThat(CliRun.of("lint", "-w", workspace.toString()).exitCode()).isZero();
        assertThat(LintResultCache.served()).isEqualTo(served + 1);
        assertThat(hint).hasContent(TOKEN);

        // The launcher guessed the kept result from this hint: printing it leaves the hint alone.
        System.setProperty(LintHint.GUESS, "kept");
        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(hint, written);
        assertThat(CliRun.of("lint", "-w", workspace.toString()).exitCode()).isZero();
        assertThat(Files.getLastModifiedTime(hint)).isEqualTo(written);

        // No results kept across runs (PLANNING_NO_CACHE): the next lint will lint, and the hint says so.
        LintResultCache.noCacheAcrossRuns();
        assertThat(CliRun.of("lint", "-w", workspace.toString()).exitCode()).isZero();
        assertThat(hint).doesNotExist();
    }
}
