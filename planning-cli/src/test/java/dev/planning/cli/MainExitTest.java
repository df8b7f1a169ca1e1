package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code main} ends the process: with the command's exit code and everything it printed, whether it
 * returns (code 0, only daemon threads left) or calls {@code System.exit} ({@link ExitGuard#mayReturn}).
 */
class MainExitTest {

    @TempDir
    Path dir;

    /** Runs {@code main} in a JVM of its own, as the launcher does. */
    private MainInChildJvm.Ended main(String... arguments) {
        return MainInChildJvm.run(dir, Map.of(), arguments);
    }

    @Test
    void aPassingStatusEndsWithCodeZeroAndItsWholeReport() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));

        MainInChildJvm.Ended ended = main("status", "-w", ws.toString());

        assertThat(ended.code()).isZero();
        assertThat(ended.out()).isEqualTo(CliRun.of("status", "-w", ws.toString()).out());
    }

    @Test
    void aFailingStatusStillEndsWithItsNonZeroCode() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to", "READY_FOR_HANDOFF");
        Path log = ws.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl");
        String lines = Files.readString(log, StandardCharsets.UTF_8);
        Files.writeString(log, lines.replaceFirst("PLANNED", "PLANNEX"), StandardCharsets.UTF_8);

        MainInChildJvm.Ended ended = main("status", "-w", ws.toString());

        assertThat(ended.code()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(ended.out()).contains("BROKEN CHAIN");
    }

    @Test
    void theVersionEndsWithCodeZero() throws Exception {
        MainInChildJvm.Ended ended = main("--version");

        assertThat(ended.code()).isZero();
        assertThat(ended.out()).isEqualTo(CliRun.of("--version").out());
    }

    @Test
    void mainMayReturnOnlyForCodeZeroAndWithNoOtherNonDaemonThreadAlive() throws InterruptedException {
        assertThat(ExitGuard.mayReturn(ExitCodes.CHECK_FAILED)).isFalse();
        assertThat(ExitGuard.mayReturn(ExitCodes.BAD_INPUT)).isFalse();

        CountDownLatch release = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "still-working");
        worker.start();
        try {
            assertThat(ExitGuard.mayReturn(ExitCodes.OK)).isFalse();
        } finally {
            release.countDown();
            worker.join();
        }
    }
}
