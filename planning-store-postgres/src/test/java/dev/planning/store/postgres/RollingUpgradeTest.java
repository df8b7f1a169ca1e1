package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.hash.Sha256;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An append that loses to another writer by a deadlock or a serialization failure (not a unique
 * violation) is a lost race like any other: {@link ConcurrentTransitionException}, nothing written.
 * Version 5's statement locked the event row before the portfolio row; version 6's function locks
 * the portfolio row first, so during a rolling upgrade an old and a new client can deadlock. Each
 * test stages the interleaving step by step on a raw connection, waiting until the store's call is
 * seen blocked on a lock, so the outcome does not depend on timing.
 */
@Tag("slow")
@Tag("servers")
@Tag("race")
class RollingUpgradeTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "upgrade");

    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final EventLineCodec codec = new EventLineCodec();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void anAppendChosenAsADeadlockVictimAgainstAnOlderClientIsAConcurrentTransition() throws Exception {
        try (PostgresStore store = TestServers.store(false)) {
            PostgresEventStore events = store.eventStore();
            String head = appendThree(events);
            PlanningEvent olds = Events.moved(CYCLE, CycleState.PLANNED, CycleState.PLANNED);
            byte[] line = codec.encode(olds, head);
            try (Connection old = store.dataSource().getConnection()) {
                old.setAutoCommit(false);
                try (Statement statement = old.createStatement()) {
                    // The store's call, waiting 1 s (the default), runs the deadlock check first and is the victim.
                    statement.execute("SET LOCAL deadlock_timeout = '60s'");
                }
                // Version 5's order: the event row first...
                insertEventRow(old, events.repository(), 4, olds, head, line);
                Future<RecordedEvent> mine = pool.submit(() -> events.append(CYCLE,
                        Events.moved(CYCLE, CycleState.PLANNED, CycleState.PLANNED), head));
                awaitBlockedAppend();
                // ...then the portfolio row, which the store's call has locked: a deadlock.
                try (PreparedStatement portfolio = old.prepareStatement("INSERT INTO planning_cycle (repository, stream,"
                        + " cycle_id, state, events, head_sha256, updated_at) VALUES (?, ?, ?, 'PLANNED', 4, ?, now())"
                        + " ON CONFLICT (repository, stream, cycle_id) DO UPDATE SET events = EXCLUDED.events,"
                        + " head_sha256 = EXCLUDED.head_sha256, updated_at = EXCLUDED.updated_at")) {
                    portfolio.setString(1, events.repository());
                    portfolio.setString(2, CYCLE.stream());
                    portfolio.setString(3, CYCLE.cycleId());
                    portfolio.setString(4, Sha256.hex(line));
                    portfolio.executeUpdate();
                }
                old.commit();

                // Which message depends on timing: the store's retry may deadlock again before the
                // older client commits (each round 1 s, the store's deadlock_timeout), and after the
                // third lost round the head is still the expected one.
                // exit25: the second is contention, a busy store (exit 3), no longer a concurrent transition (exit 2).
                assertThatThrownBy(() -> outcome(mine))
                        .satisfiesAnyOf(
                                failure -> assertThat(failure).isInstanceOf(ConcurrentTransitionException.class)
                                        .hasMessageContaining("expected head " + head + ", found " + Sha256.hex(line)),
                                failure -> assertThat(failure).isInstanceOf(StoreBusyException.class)
                                        .hasMessageContaining("lost to another writer three times while the head was"
                                                + " still the expected " + head)
                                        .extracting(e -> ((StoreBusyException) e).reason())
                                        .isEqualTo(StoreBusyException.Reason.CONFLICT));
            }
            List<RecordedEvent> log = events.read(CYCLE);
            assertThat(log).hasSize(4);
            assertThat(log.get(3).event().id()).isEqualTo(olds.id());
        }
    }

    @Test
    void anAppendThatFailsToSerializeAgainstAConcurrentWriterIsAConcurrentTransition() throws Exception {
        // store36: a store URL may not carry options (they may set search_path): the stricter sessions come from an
        // application's data source, whose URL is its own.
        HikariConfig sessions = new HikariConfig();
        sessions.setJdbcUrl(TestServers.jdbcUrl() + "&options=-c%20default_transaction_isolation%3Dserializable");
        sessions.setMaximumPoolSize(1);
        try (HikariDataSource serializable = new HikariDataSource(sessions);
                PostgresStore strict = PostgresStore.builder().dataSource(serializable)
                        .repository(TestServers.freshRepository()).migrate(false).build()) {
            PostgresEventStore events = strict.eventStore();
            assertThat(isolation(strict)).isEqualTo("serializable");
            String head = appendThree(events);
            PlanningEvent theirs = Events.moved(CYCLE, CycleState.PLANNED, CycleState.PLANNED);
            byte[] line = codec.encode(theirs, head);
            try (Connection other = TestServers.postgres().getConnection()) {
                other.setAutoCommit(false);
                // Another writer's call, not committed yet: it holds the portfolio row.
                try (PreparedStatement append = other.prepareStatement(
                        "SELECT planning_append(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}'::jsonb, NULL, false)")) {
                    bindEvent(append, events.repository(), theirs, head, line);
                    try (ResultSet rs = append.executeQuery()) {
                        rs.next();
                        assertThat(rs.getInt(1)).isEqualTo(4);
                    }
                }
                Future<RecordedEvent> mine = pool.submit(() -> events.append(CYCLE,
                        Events.moved(CYCLE, CycleState.PLANNED, CycleState.PLANNED), head));
                awaitBlockedAppend();
                other.commit();

                assertThatThrownBy(() -> outcome(mine))
                        .isInstanceOf(ConcurrentTransitionException.class)
                        .hasMessageContaining("found " + Sha256.hex(line));
            }
            List<RecordedEvent> log = events.read(CYCLE);
            assertThat(log).hasSize(4);
            assertThat(log.get(3).event().id()).isEqualTo(theirs.id());
        }
    }

    private static String appendThree(PostgresEventStore events) {
        String head = RecordedEvent.GENESIS;
        head = events.append(CYCLE, Events.created(CYCLE), head).hash();
        head = events.append(CYCLE, Events.moved(CYCLE, CycleState.PLANNED, CycleState.PLANNED), head).hash();
        return events.append(CYCLE, Events.moved(CYCLE, CycleState.PLANNED, CycleState.PLANNED), head).hash();
    }

    private static void insertEventRow(Connection connection, String repository, int seq, PlanningEvent event,
            String prev, byte[] line) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO planning_event (repository, stream,"
                + " cycle_id, seq, event_id, event_type, from_state, to_state, occurred_at, prev_sha256, sha256, line,"
                + " details) VALUES (?, ?, ?, ?, ?, ?, 'PLANNED', 'PLANNED', ?, ?, ?, ?, '{}'::jsonb)")) {
            insert.setString(1, repository);
            insert.setString(2, CYCLE.stream());
            insert.setString(3, CYCLE.cycleId());
            insert.setInt(4, seq);
            insert.setString(5, event.id());
            insert.setString(6, event.type().name());
            insert.setTimestamp(7, Timestamp.from(event.timestamp()));
            insert.setString(8, prev);
            insert.setString(9, Sha256.hex(line));
            insert.setBytes(10, line);
            insert.executeUpdate();
        }
    }

    private static void bindEvent(PreparedStatement append, String repository, PlanningEvent event, String prev,
            byte[] line) throws Exception {
        append.setString(1, repository);
        append.setString(2, CYCLE.stream());
        append.setString(3, CYCLE.cycleId());
        append.setString(4, prev);
        append.setString(5, event.id());
        append.setString(6, event.type().name());
        append.setString(7, "PLANNED");
        append.setString(8, "PLANNED");
        append.setTimestamp(9, Timestamp.from(event.timestamp()));
        append.setString(10, Sha256.hex(line));
        append.setBytes(11, line);
    }

    /**
     * Waits until a backend's {@code planning_append} call waits for a lock. Asked on a connection of
     * its own in auto-commit: a transaction sees one snapshot of {@code pg_stat_activity}.
     */
    private static void awaitBlockedAppend() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection observer = TestServers.postgres().getConnection();
                PreparedStatement waiting = observer.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                + " WHERE pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query LIKE '%planning_append(%'")) {
            while (true) {
                try (ResultSet rs = waiting.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the store's append never waited for the other writer's lock");
                }
                Thread.sleep(10);
            }
        }
    }

    private static String isolation(PostgresStore store) throws Exception {
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW transaction_isolation")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static RecordedEvent outcome(Future<RecordedEvent> append) throws Exception {
        try {
            return append.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
