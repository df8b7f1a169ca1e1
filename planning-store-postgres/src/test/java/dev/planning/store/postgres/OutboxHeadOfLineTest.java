package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * relay38: a cycle whose head row waits (here on a fault of the relay's) with more than a batch of rows behind it does
 * not keep every other cycle's rows from being read: the relay reads, of such a cycle, its head row only (real
 * PostgreSQL and Kafka servers, started by the tests).
 */
@Tag("slow")
@Tag("servers")
class OutboxHeadOfLineTest {

    private static final CycleRef STUCK = new CycleRef("fe", "h1");
    private static final CycleRef HEALTHY = new CycleRef("fe", "h2");
    /** More rows than the relay reads in a round ({@code OutboxRelay.BATCH}, 500) wait behind the stuck row. */
    private static final int BEHIND = 510;

    /**
     * The relay read the oldest 500 ready rows: the stuck row and 499 of the rows held behind it, so HEALTHY's rows,
     * queued later, were never read while the fault lasted. They are published, and STUCK's rows then all go out in
     * order once the fault is gone.
     */
    @Test
    void aCycleWithMoreThanABatchWaitingBehindItsHeadDoesNotStarveTheOtherCycles() throws Exception {
        String topic = TestServers.topic("planning.events." + UUID.randomUUID());
        Properties props = new Properties();
        props.put("bootstrap.servers", TestServers.kafka().bootstrapServers());
        OutboxRelay.Envelopes failing = (repository, cycle, sequence, sha256, eventId, type, time, line) -> {
            if (cycle.equals(STUCK) && sequence == 1) {
                throw new IllegalStateException("a bug of the relay's");
            }
            return CloudEventEnvelope.encode(repository, cycle, sequence, sha256, eventId, type, time, line);
        };
        try (PostgresStore store = TestServers.store(true)) {
            String repository = store.eventStore().repository();
            try {
                append(store, STUCK, 1 + BEHIND);
                append(store, HEALTHY, 2);
                try (OutboxRelay relay = OutboxRelay.manual(store.dataSource(), OutboxRelay.producer(props), topic,
                        Duration.ofSeconds(10), failing)) {

                    relay.drainOnce();

                    assertThat(waiting(store, HEALTHY)).as("HEALTHY's rows published").isZero();
                    assertThat(waiting(store, STUCK)).isEqualTo(1 + BEHIND);
                }
                try (OutboxRelay fixed = OutboxRelay.manual(store.dataSource(), OutboxRelay.producer(props), topic,
                        Duration.ofSeconds(10))) {
                    fixed.drainOnce();

                    assertThat(waiting(store, STUCK)).isZero();
                    CycleStateProjection projection = new CycleStateProjection();
                    OutboxKafkaTest.consume(topic, store, projection, 3 + BEHIND);
                    assertThat(projection.sequences()).isEqualTo(Map.of(repository + "/" + STUCK, 1 + BEHIND,
                            repository + "/" + HEALTHY, 2));
                    assertThat(projection.early()).isZero();
                    assertThat(projection.duplicates()).isZero();
                }
            } finally {
                clearOutbox(store);
            }
        }
    }

    private static void append(PostgresStore store, CycleRef cycle, int events) {
        String head = store.eventStore().append(cycle, Events.created(cycle), RecordedEvent.GENESIS).hash();
        for (int i = 1; i < events; i++) {
            head = store.eventStore().append(cycle, Events.moved(cycle, CycleState.PLANNED, CycleState.PLANNED), head)
                    .hash();
        }
    }

    /** How many rows of {@code cycle} in this test's repository the outbox holds. */
    private static long waiting(PostgresStore store, CycleRef cycle) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM planning_outbox"
                        + " WHERE repository = ? AND stream = ? AND cycle_id = ?")) {
            count.setString(1, store.eventStore().repository());
            count.setString(2, cycle.stream());
            count.setString(3, cycle.cycleId());
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Leaves no row of this test's repository behind for the tests that share the server. */
    private static void clearOutbox(PostgresStore store) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM planning_outbox WHERE repository = ?")) {
            delete.setString(1, store.eventStore().repository());
            delete.executeUpdate();
        }
    }
}
