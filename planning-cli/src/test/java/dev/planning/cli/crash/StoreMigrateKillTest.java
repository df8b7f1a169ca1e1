package dev.planning.cli.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.cli.CliRun;
import dev.planning.engine.internal.eventlog.FileEventStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code planning store migrate}, both ways, killed with SIGKILL at its n-th {@code write} (a message to
 * PostgreSQL, or a block of an exported file), for every n up to where a run finishes unkilled, in a child
 * JVM under strace ({@link StracedCli}): each time, running the command again finishes the move with
 * nothing lost or doubled, every log byte for byte as its source. Import appends each cycle in one
 * transaction and skips the lines the database holds; export replaces each file atomically and skips
 * one that already holds the database's log.
 */
@Tag("slow")
@Tag("crash")
@Tag("servers")
@Tag("subprocess")
class StoreMigrateKillTest {

    private static final List<CycleRef> CYCLES = List.of(new CycleRef("be", "PLN-BE-2024-01"),
            new CycleRef("fe", "2025-09-02"), new CycleRef("fe", "2025-09-16"));
    /** Kill points this far apart: every few writes, so that the whole run stays within a minute or two. */
    private static final int STEP = 5;
    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        StracedCli.requireFaultInjection();
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    private Path config(String name, String repository) throws IOException {
        Path file = dir.resolve(name + ".properties");
        Files.writeString(file, "url=" + postgres.getJdbcUrl("postgres", "postgres") + "\nrepository=" + repository + "\n",
                StandardCharsets.UTF_8);
        return file;
    }

    /** A workspace whose logs hold a few events each: created, then refused moves. */
    private Path source() throws IOException {
        Path ws = Files.createDirectories(dir.resolve("source"));
        FileEventStore files = new FileEventStore(ws);
        Instant at = Instant.parse("2025-09-02T10:00:00Z");
        int id = 0;
        for (CycleRef cycle : CYCLES) {
            String head = files.append(cycle, new PlanningEvent("evt_" + ++id, at, EventType.CYCLE_CREATED, Optional.empty(),
                    Optional.of(CycleState.PLANNED), cycle.toString(), "tester", Map.of(), Map.of()), RecordedEvent.GENESIS)
                    .hash();
            for (int i = 1; i <= 4; i++) {
                head = files.append(cycle, new PlanningEvent("evt_" + ++id, at.plusSeconds(60L * i),
                        EventType.TRANSITION_REFUSED, Optional.of(CycleState.PLANNED),
                        Optional.of(CycleState.READY_FOR_HANDOFF), cycle.toString(), "tester", Map.of(),
                        Map.of("attempt", Integer.toString(i))), head).hash();
            }
        }
        return ws;
    }

    private static void sameLogs(Path expected, Path actual) throws IOException {
        for (CycleRef cycle : CYCLES) {
            String log = WorkspaceLayout.DEFAULT.eventLog(cycle);
            assertThat(Files.readAllBytes(actual.resolve(log))).as(log).isEqualTo(Files.readAllBytes(expected.resolve(log)));
        }
    }

    private static void ok(CliRun run) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }

    @Test
    void anImportKilledAtAnyWriteIsFinishedByTheNextWithNothingLostOrDoubled() throws Exception {
        Path source = source();
        List<Integer> killedAt = new ArrayList<>();
        for (int n = 1; ; n += STEP) {
            Path store = config("import" + n, "acme/import-" + n);
            StracedCli.Run run = StracedCli.run("write", n, true,
                    List.of("store", "migrate", "-w", source.toString(), "--store", store.toString()));
            boolean killed = run.exitCode() == 128 + 9;
            assertThat(killed || run.exitCode() == 0).as(run.out() + run.err()).isTrue();

            CliRun again = CliRun.of("store", "migrate", "-w", source.toString(), "--store", store.toString());
            ok(again);
            Path back = Files.createDirectories(dir.resolve("back" + n));
            ok(CliRun.of("store", "migrate", "--to-files", "-w", back.toString(), "--store", store.toString()));
            sameLogs(source, back);
            if (!killed) {
                assertThat(again.out()).contains("5 line(s), 0 new");
                break;
            }
            killedAt.add(n);
        }
        assertThat(killedAt).as("runs killed before the last finished").hasSizeGreaterThan(3);
    }

    @Test
    void anExportKilledAtAnyWriteIsFinishedByTheNextWithNothingLostOrDoubled() throws Exception {
        Path source = source();
        Path store = config("export", "acme/export");
        ok(CliRun.of("store", "migrate", "-w", source.toString(), "--store", store.toString()));
        List<Integer> killedAt = new ArrayList<>();
        for (int n = 1; ; n += STEP) {
            Path target = Files.createDirectories(dir.resolve("export" + n));
            StracedCli.Run run = StracedCli.run("write", n, true,
                    List.of("store", "migrate", "--to-files", "-w", target.toString(), "--store", store.toString()));
            boolean killed = run.exitCode() == 128 + 9;
            assertThat(killed || run.exitCode() == 0).as(run.out() + run.err()).isTrue();

            CliRun again = CliRun.of("store", "migrate", "--to-files", "-w", target.toString(), "--store", store.toString());
            ok(again);
            sameLogs(source, target);
            // A kill inside a log's write left its temporary file; the next export of that log removed it.
            try (Stream<Path> files = Files.walk(target)) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".tmp")))
                        .as("temporary files left after the export killed at write " + n + " was run again").isEmpty();
            }
            if (!killed) {
                assertThat(again.out()).contains("5 line(s), 0 new");
                break;
            }
            killedAt.add(n);
        }
        assertThat(killedAt).as("runs killed before the last finished").hasSizeGreaterThan(3);
    }
}
