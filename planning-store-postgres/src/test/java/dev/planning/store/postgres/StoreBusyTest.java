package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.planning.api.SystemFailureException;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An append behind a lock another session holds, and one cancelled by the server's statement timeout:
 * each ends, within the store's bound, with {@link StoreBusyException} naming the cycle, nothing
 * written, and a retry records the event once. The generous {@code assertTimeoutPreemptively} bounds
 * only catch a hang (which is what these appends did before the store set {@code lock_timeout} and
 * {@code statement_timeout}); the errors are what is asserted.
 */
@Tag("slow")
@Tag("servers")
class StoreBusyTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "busy");
    private static final Duration HANG = Duration.ofSeconds(120);

    @Test
    void anAppendBehindAPortfolioRowAnotherSessionHoldsEndsBusyWithTheDefaultBoundAndWritesNothing() throws Exception {
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(TestServers.jdbcUrl())
                .repository(TestServers.freshRepository()).outbox(true).poolSize(2).build()) {
            PostgresEventStore events = store.eventStore();
            String head = events.append(CYCLE, Events.created(CYCLE), RecordedEvent.GENESIS).hash();
            PlanningEvent next = Events.moved(CYCLE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF);

            StoreBusyException busy;
            try (Connection other = TestServers.postgres().getConnection()) {
                other.setAutoCommit(false);
                holdPortfolioRow(other, events.repository());
                busy = assertTimeoutPreemptively(HANG, () -> catchThrowableOfType(StoreBusyException.class,
                        () -> events.append(CYCLE, next, head)));
                other.rollback();
            }

            assertThat(busy).as("the append ended with the store's busy error").isNotNull();
            assertThat(busy.lockNotGranted()).isTrue();
            assertThat(busy.reason()).isEqualTo(StoreBusyException.Reason.LOCK);
            assertThat(busy).as("pg24: the system's failure, not the input's").isInstanceOf(SystemFailureException.class);
            assertThat(busy.getMessage()).contains("cannot append to the event log of fe/busy")
                    .contains("the store is busy: a lock it needs is held by another session")
                    .contains("lock_timeout 10 s").contains("nothing was written and retrying is safe")
                    .contains("55P03");
            assertThat(events.read(CYCLE)).hasSize(1);
            assertThat(events.append(CYCLE, next, head).line()).isEqualTo(2);
            assertThat(store.check().ok()).isTrue();
        }
    }

    @Test
    void anAppendWhoseLockIsReleasedWithinTheBoundSucceeds() throws Exception {
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(TestServers.jdbcUrl())
                .repository(TestServers.freshRepository()).poolSize(2).lockTimeout(Duration.ofSeconds(60)).build()) {
            PostgresEventStore events = store.eventStore();
            String head = events.append(CYCLE, Events.created(CYCLE), RecordedEvent.GENESIS).hash();
            PlanningEvent next = Events.moved(CYCLE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF);

            CompletableFuture<RecordedEvent> append;
            try (Connection other = TestServers.postgres().getConnection()) {
                other.setAutoCommit(false);
                holdPortfolioRow(other, events.repository());
                append = FaultTest.inThread(() -> events.append(CYCLE, next, head));
                FaultTest.waitForBlockedAppend(other, append);
                other.commit();
            }

            assertThat(append.get(HANG.toSeconds(), TimeUnit.SECONDS).line()).isEqualTo(2);
            assertThat(events.read(CYCLE)).hasSize(2);
        }
    }

    @Test
    void anAppendCancelledByTheStatementTimeoutMidwayLeavesNoPartialEventAndItsRetryRecordsItOnce() throws Exception {
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(TestServers.jdbcUrl())
                .repository(TestServers.freshRepository()).outbox(true).poolSize(2)
                .lockTimeout(Duration.ofSeconds(60)).statementTimeout(Duration.ofMillis(300)).build()) {
            PostgresEventStore events = store.eventStore();
            String head = events.append(CYCLE, Events.created(CYCLE), RecordedEvent.GENESIS).hash();
            PlanningEvent next = Events.moved(CYCLE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF);

            StoreBusyException cancelled;
            try (Connection other = TestServers.postgres().getConnection()) {
                // The append moves the portfolio row and inserts its event row, then waits to queue its
                // outbox row, the last thing it writes, until its statement timeout cancels it.
                other.setAutoCommit(false);
                try (PreparedStatement lock = other.prepareStatement("LOCK TABLE planning_outbox IN SHARE MODE")) {
                    lock.execute();
                }
                cancelled = assertTimeoutPreemptively(HANG, () -> catchThrowableOfType(StoreBusyException.class,
                        () -> events.append(CYCLE, next, head)));
                other.rollback();
            }

            assertThat(cancelled).as("the append ended with the store's busy error").isNotNull();
            assertThat(cancelled.lockNotGranted()).isFalse();
            assertThat(cancelled.reason()).isEqualTo(StoreBusyException.Reason.STATEMENT);
            assertThat(cancelled).isInstanceOf(SystemFailureException.class);
            assertThat(cancelled.getMessage()).contains("cannot append to the event log of fe/busy")
                    .contains("the database cancelled the statement").contains("statement_timeout 300 ms")
                    .contains("nothing was written and retrying is safe").contains("57014");
            assertThat(events.read(CYCLE)).hasSize(1);
            assertThat(store.check().ok()).as("no partial event: %s", store.check().mistakes()).isTrue();
            assertThat(rows(events.repository(), "planning_outbox")).isEqualTo(1);

            RecordedEvent retried = events.append(CYCLE, next, head);
            RecordedEvent repeated = events.append(CYCLE, next, head);

            assertThat(retried.line()).isEqualTo(2);
            assertThat(repeated).isEqualTo(retried);
            assertThat(events.read(CYCLE)).hasSize(2);
            assertThat(rows(events.repository(), "planning_outbox")).isEqualTo(2);
            assertThat(store.check().ok()).isTrue();
        }
    }

    @Test
    void theBoundsAreWholeMillisecondsAndNotSetOnADataSourceTheStoreDoesNotOwn() {
        assertThatThrownBy(() -> PostgresStore.builder().lockTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lockTimeout must be whole");
        assertThatThrownBy(() -> PostgresStore.builder().statementTimeout(Duration.ofNanos(1500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statementTimeout must be whole");
        assertThatThrownBy(() -> PostgresStore.builder().lockTimeout(Duration.ofDays(25)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostgresStore.builder().dataSource(TestServers.postgres())
                .lockTimeout(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("options=-c lock_timeout");
    }
    /**
     * exit25: an append that loses three rounds to another writer whose insert is rolled back each time (the head
     * still the expected one) is contention: a busy store with a conflict (exit 3, "run the same command again"),
     * not a {@code ConcurrentTransitionException} (exit 2, as if the cycle had moved on). The other writer is
     * stood for by a trigger that fails each insert of this repository as a serialization failure.
     */
    @Test
    void anAppendThatLosesThreeRoundsWhileTheHeadStaysIsABusyStoreWithAConflict() throws Exception {
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(TestServers.jdbcUrl())
                .repository(TestServers.freshRepository()).poolSize(2).build()) {
            PostgresEventStore events = store.eventStore();
            String head = events.append(CYCLE, Events.created(CYCLE), RecordedEvent.GENESIS).hash();
            PlanningEvent next = Events.moved(CYCLE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF);

            StoreBusyException busy;
            Contention contention = Contention.on(events.repository());
            try {
                busy = assertTimeoutPreemptively(HANG, () -> catchThrowableOfType(StoreBusyException.class,
                        () -> events.append(CYCLE, next, head)));
            } finally {
                contention.close();
            }

            assertThat(busy).as("the append ended with the store's busy error").isNotNull();
            assertThat(busy.reason()).isEqualTo(StoreBusyException.Reason.CONFLICT);
            assertThat(busy.getMessage()).isEqualTo("cannot append to the event log of fe/busy: the store is busy: this"
                    + " append lost to another writer three times while the head was still the expected " + head
                    + " (the other's insert rolled back each time); nothing was written and retrying is safe");
            assertThat(events.read(CYCLE)).hasSize(1);
            assertThat(events.append(CYCLE, next, head).line()).isEqualTo(2);
        }
    }

    /** A trigger failing every insert of one repository's events as a serialization failure, dropped on close. */
    record Contention(String function) implements AutoCloseable {

        static Contention on(String repository) throws SQLException {
            String function = "exit25_lose_" + repository.replaceAll("[^A-Za-z0-9]", "_");
            try (Connection connection = TestServers.postgres().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " RAISE EXCEPTION 'another writer' USING ERRCODE = 'serialization_failure'; END $$");
                statement.execute("CREATE TRIGGER " + function + " BEFORE INSERT ON planning_event FOR EACH ROW"
                        + " WHEN (NEW.repository = '" + repository + "') EXECUTE FUNCTION " + function + "()");
            }
            return new Contention(function);
        }

        @Override
        public void close() throws SQLException {
            try (Connection connection = TestServers.postgres().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP TRIGGER " + function + " ON planning_event");
                statement.execute("DROP FUNCTION " + function + "()");
            }
        }
    }

    /** Takes the cycle's portfolio row as an append's head check would ({@code SELECT ... FOR UPDATE}). */
    private static void holdPortfolioRow(Connection other, String repository) throws Exception {
        try (PreparedStatement lock = other.prepareStatement("SELECT 1 FROM planning_cycle"
                + " WHERE repository = ? AND stream = ? AND cycle_id = ? FOR UPDATE")) {
            lock.setString(1, repository);
            lock.setString(2, CYCLE.stream());
            lock.setString(3, CYCLE.cycleId());
            try (ResultSet rs = lock.executeQuery()) {
                assertThat(rs.next()).as("the cycle's portfolio row").isTrue();
            }
        }
    }

    private static int rows(String repository, String table) throws Exception {
        try (Connection connection = TestServers.postgres().getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM " + table + " WHERE repository = ?")) {
            count.setString(1, repository);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
