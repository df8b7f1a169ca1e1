package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code main} ends the process: with the command's exit code and everything it printed, whether it
 * returns (code 0, only daemon threads left) or calls {@code System.exit} ({@link ExitGuard#mayReturn}).
 */
class MainExitTest {

    @TempDir
    Path dir;

    private record Ended(int code, String out) {
    }

    /** Runs {@code main} in a JVM of its own, as the launcher does. */
    private Ended main(String... arguments) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), PlanningCommand.class.getName()));
        command.addAll(List.of(arguments));
        Path out = dir.resolve("out.txt");
        ProcessBuilder cli = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        cli.environment().remove("JAVA_TOOL_OPTIONS");
        cli.environment().put("PLANNING_NO_CACHE", "1");
        Process process = cli.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Ended(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void aPassingStatusEndsWithCodeZeroAndItsWholeReport() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));

        Ended ended = main("status", "-w", ws.toString());

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

        Ended ended = main("status", "-w", ws.toString());

        assertThat(ended.code()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(ended.out()).contains("BROKEN CHAIN");
    }

    @Test
    void theVersionEndsWithCodeZero() throws Exception {
        Ended ended = main("--version");

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
