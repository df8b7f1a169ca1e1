package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
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

    /**
     * relay39: more cycles than a round's batch whose head row waits (here on a fault of the relay's) filled every
     * round, read oldest first, so that the rows of the cycles queued after them were never read while they waited.
     * The rows not held are read first, the held ones in the room left; HEALTHY's rows are published, and every held
     * cycle's rows go out in order once the fault is gone.
     */
    @Test
    void moreHeldCyclesThanABatchDoNotStarveTheReadyRowsOfOtherCycles() throws Exception {
        OutboxRelay.Envelopes failing = (repository, cycle, sequence, sha256, eventId, type, time, line) -> {
            if (cycle.cycleId().startsWith("s") && sequence == 1) {
                throw new IllegalStateException("a bug of the relay's");
            }
            return CloudEventEnvelope.encode(repository, cycle, sequence, sha256, eventId, type, time, line);
        };
        try (PostgresStore store = TestServers.store(true)) {
            String repository = store.eventStore().repository();
            try {
                List<CycleRef> stuck = List.of(new CycleRef("fe", "s1"), new CycleRef("fe", "s2"),
                        new CycleRef("fe", "s3"), new CycleRef("fe", "s4"), new CycleRef("fe", "s5"));
                for (CycleRef cycle : stuck) {
                    append(store, cycle, 2);
                }
                append(store, HEALTHY, 2);
                BrokerStandIn broker = new BrokerStandIn(record -> null);
                try (OutboxRelay relay = OutboxRelay.manual(store.dataSource(), broker.producer(), "planning.events",
                        Duration.ofSeconds(5), failing, 4)) {

                    relay.drainOnce();

                    assertThat(waiting(store, HEALTHY)).as("HEALTHY's rows published").isZero();
                    for (CycleRef cycle : stuck) {
                        assertThat(waiting(store, cycle)).as("%s waits", cycle).isEqualTo(2);
                    }
                }
                BrokerStandIn fixed = new BrokerStandIn(record -> null);
                try (OutboxRelay relay = OutboxRelay.manual(store.dataSource(), fixed.producer(), "planning.events",
                        Duration.ofSeconds(5), CloudEventEnvelope::encode, 4)) {
                    relay.drainOnce();
                }
                for (CycleRef cycle : stuck) {
                    assertThat(waiting(store, cycle)).isZero();
                    assertThat(sentOf(fixed, repository, cycle)).containsExactly(1, 2);
                }
            } finally {
                clearOutbox(store);
            }
        }
    }

    /**
     * relay39: the held rows beyond the room a round leaves them were never tried again while the older ones waited
     * (read oldest first): a row whose fault was gone stayed behind rows whose fault lasted. The held rows read
     * longest ago are read first, so each is tried in turn.
     */
    @Test
    void everyHeldRowIsTriedInTurnWhenMoreAreHeldThanARoundReads() throws Exception {
        AtomicInteger thirdTries = new AtomicInteger();
        OutboxRelay.Envelopes failing = (repository, cycle, sequence, sha256, eventId, type, time, line) -> {
            if (!cycle.cycleId().equals("s3") || thirdTries.getAndIncrement() == 0) {
                throw new IllegalStateException("a bug of the relay's");
            }
            return CloudEventEnvelope.encode(repository, cycle, sequence, sha256, eventId, type, time, line);
        };
        try (PostgresStore store = TestServers.store(true)) {
            try {
                CycleRef third = new CycleRef("fe", "s3");
                append(store, new CycleRef("fe", "s1"), 1);
                append(store, new CycleRef("fe", "s2"), 1);
                append(store, third, 1);
                BrokerStandIn broker = new BrokerStandIn(record -> null);
                try (OutboxRelay relay = OutboxRelay.manual(store.dataSource(), broker.producer(), "planning.events",
                        Duration.ofSeconds(5), failing, 2)) {
                    relay.drainOnce();
                    assertThat(thirdTries).as("s3 tried once, and held").hasValue(1);

                    relay.drainOnce();

                    assertThat(waiting(store, third)).as("s3 tried again, and published").isZero();
                }
            } finally {
                clearOutbox(store);
            }
        }
    }

    /**
     * A record the broker fails (a retriable error, after sending) holds back its own cycle only: the other cycles'
     * records of the round are published in that round, and their rows queued while it keeps failing in the next; the
     * failed record and the ones after it are sent again, in order, once it is acknowledged.
     */
    @Test
    void aRecordTheBrokerFailsDelaysOnlyItsOwnCycleAndItsOrderHoldsAfterTheRetry() throws Exception {
        CycleRef failed = new CycleRef("fe", "f1");
        CycleRef other = new CycleRef("fe", "f2");
        AtomicInteger failures = new AtomicInteger();
        BrokerStandIn broker = new BrokerStandIn(record -> record.key().endsWith("/f1")
                && new String(record.value(), StandardCharsets.UTF_8).contains("\"planningsequence\":2,")
                && failures.getAndIncrement() < 2 ? new NotEnoughReplicasException("not enough replicas") : null);
        try (PostgresStore store = TestServers.store(true)) {
            String repository = store.eventStore().repository();
            try {
                append(store, failed, 3);
                String otherHead = append(store, other, 3);
                try (OutboxRelay relay = OutboxRelay.manual(store.dataSource(), broker.producer(), "planning.events",
                        Duration.ofSeconds(5))) {

                    relay.drainOnce();

                    assertThat(waiting(store, other)).as("the other cycle published in the same round").isZero();
                    assertThat(waiting(store, failed)).isEqualTo(2);

                    store.eventStore().append(other, Events.moved(other, CycleState.PLANNED, CycleState.PLANNED),
                            otherHead);
                    relay.drainOnce();

                    assertThat(waiting(store, other)).as("queued while f1 fails, published the next round").isZero();
                    assertThat(waiting(store, failed)).isEqualTo(2);

                    relay.drainOnce();

                    assertThat(waiting(store, failed)).isZero();
                }
                assertThat(sentOf(broker, repository, failed)).as("an early copy of 3, then 2 and 3 again in order")
                        .containsExactly(1, 2, 3, 2, 2, 3);
                assertThat(sentOf(broker, repository, other)).containsExactly(1, 2, 3, 4);
            } finally {
                clearOutbox(store);
            }
        }
    }

    /**
     * review39: held rows were tried only in the room the other rows left, so with new rows coming in as fast as a
     * round published them (here each published row of a busy cycle queues two more, 30 in all) a held row was tried
     * again only once they stopped, its fault long gone. Part of each round is kept for the held rows.
     */
    @Test
    void aHeldRowIsTriedWhileNewRowsKeepComing() throws Exception {
        CycleRef held = new CycleRef("fe", "s1");
        AtomicInteger heldTries = new AtomicInteger();
        AtomicInteger queued = new AtomicInteger();
        AtomicInteger queuedWhenHeldWentOut = new AtomicInteger(-1);
        try (PostgresStore store = TestServers.store(true)) {
            OutboxRelay.Envelopes envelopes = (repository, cycle, sequence, sha256, eventId, type, time, line) -> {
                if (cycle.equals(held)) {
                    if (heldTries.getAndIncrement() == 0) {
                        throw new IllegalStateException("a bug of the relay's, gone after its first try");
                    }
                    queuedWhenHeldWentOut.set(queued.get());
                } else {
                    for (int i = 0; i < 2 && queued.get() < 30; i++) {
                        append(store, new CycleRef("fe", "b" + queued.incrementAndGet()), 1);
                    }
                }
                return CloudEventEnvelope.encode(repository, cycle, sequence, sha256, eventId, type, time, line);
            };
            try {
                append(store, held, 1);
                append(store, new CycleRef("fe", "b0"), 1);
                BrokerStandIn broker = new BrokerStandIn(record -> null);
                try (OutboxRelay relay = OutboxRelay.manual(store.dataSource(), broker.producer(), "planning.events",
                        Duration.ofSeconds(5), envelopes, 2)) {
                    relay.drainOnce();
                }

                assertThat(waiting(store, held)).isZero();
                assertThat(queuedWhenHeldWentOut.get()).as("new rows queued when the held row went out")
                        .isBetween(0, 5);
            } finally {
                clearOutbox(store);
            }
        }
    }

    /** The sequences of {@code cycle}'s records {@code broker} was sent, in the order sent. */
    private static List<Integer> sentOf(BrokerStandIn broker, String repository, CycleRef cycle) {
        String prefix = repository + "/" + cycle + "#";
        return broker.sent().stream().filter(sent -> sent.startsWith(prefix))
                .map(sent -> Integer.valueOf(sent.substring(prefix.length()))).toList();
    }

    private static String append(PostgresStore store, CycleRef cycle, int events) {
        String head = store.eventStore().append(cycle, Events.created(cycle), RecordedEvent.GENESIS).hash();
        for (int i = 1; i < events; i++) {
            head = store.eventStore().append(cycle, Events.moved(cycle, CycleState.PLANNED, CycleState.PLANNED), head)
                    .hash();
        }
        return head;
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
