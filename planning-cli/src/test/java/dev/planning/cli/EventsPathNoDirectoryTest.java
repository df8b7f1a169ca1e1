package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lint36: a stream's {@code events} path that is a regular file, where its event logs are kept. It was listed as no
 * logs: lint passed it, the portfolio answered with no cycle, and {@code status} and {@code advance} refused the cycle
 * as a file the user lacked the permission to read ("make it readable"). Every command that reads the history refuses
 * it now, naming it as it is (exit 2), and lint reports it (exit 1); nothing is written.
 */
class EventsPathNoDirectoryTest {

    private static final String EVENTS = "frameworks/planning-fe/events";

    @TempDir
    Path dir;

    private Path ws;

    @BeforeEach
    void aCycleHandedOffThenItsEventsDirectoryReplacedByAFile() throws Exception {
        ws = CycleScript.committedExample(dir);
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        Path events = ws.resolve(EVENTS);
        try (Stream<Path> entries = Files.list(events)) {
            for (Path entry : entries.toList()) {
                Files.delete(entry);
            }
        }
        Files.delete(events);
        Files.writeString(events, "the history was here\n", StandardCharsets.UTF_8);
    }

    /** Every file of the workspace and its bytes, as text. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(ws)) {
            all.filter(file -> !ws.relativize(file).startsWith(".git")).filter(Files::isRegularFile).forEach(file -> {
                try {
                    files.put(ws.relativize(file).toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return files;
    }

    private void refusedNamingIt(String... args) throws IOException {
        Map<String, String> before = snapshot();

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).hasLineCount(1).startsWith("error: " + EVENTS + ": events directory " + EVENTS
                + " is no directory").doesNotContain("make it readable");
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void statusOfEveryCycleRefusesIt() throws IOException {
        refusedNamingIt("status", "-w", ws.toString());
    }

    @Test
    void statusOfTheCycleRefusesIt() throws IOException {
        refusedNamingIt(CycleScript.cycle(ws, "status"));
    }

    /** It answered with no cycle, as for a workspace without history. */
    @Test
    void thePortfolioRefusesIt() throws IOException {
        refusedNamingIt("store", "portfolio", "-w", ws.toString());
    }

    @Test
    void advanceRefusesItAndWritesNothing() throws IOException {
        refusedNamingIt(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
    }

    @Test
    void lintReportsItAsAFinding() {
        CliRun run = CliRun.of("lint", "-w", ws.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains(EVENTS + ": error: events directory " + EVENTS + " is no directory")
                .contains("1 error,");
    }
}
