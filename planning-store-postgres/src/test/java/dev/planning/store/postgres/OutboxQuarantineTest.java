package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.InvalidInputException;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The relay checks each payload before it publishes it and quarantines a row it cannot publish: the
 * row is never sent, holds back only its own cycle's later events, and every other cycle drains
 * (real PostgreSQL and Kafka servers, started by the tests).
 */
@Tag("slow")
@Tag("servers")
class OutboxQuarantineTest {

    private static final CycleRef TAMPERED = new CycleRef("fe", "q1");
    private static final CycleRef HEALTHY = new CycleRef("fe", "q2");

    @Test
    void aPayloadThatNoLongerMatchesItsHashIsQuarantinedAndHoldsBackOnlyItsCycle() throws Exception {
        String topic = TestServers.topic("planning.events." + UUID.randomUUID());
        try (PostgresStore store = TestServers.store(true);
                OutboxRelay relay = manual(store, topic, new Properties())) {
            String repository = store.eventStore().repository();
            try {
                append(store, TAMPERED, 3);
                append(store, HEALTHY, 2);
                editLine(store, TAMPERED, 2, "line || '\\x20'::bytea");

                relay.drainOnce();

                List<OutboxRelay.Quarantined> quarantined = mine(relay, repository);
                assertThat(quarantined).singleElement().satisfies(q -> {
                    assertThat(q.cycle()).contains(TAMPERED);
                    assertThat(q.sequence()).isEqualTo(2);
                    assertThat(q.reason()).contains("the payload was changed");
                    assertThat(q.heldBack()).isEqualTo(1);
                });
                CycleStateProjection projection = new CycleStateProjection();
                List<ConsumerRecord<String, byte[]>> records = OutboxKafkaTest.consume(topic, store, projection, 3);
                assertThat(records).hasSize(3);
                assertThat(projection.sequences()).containsOnly(Map.entry(repository + "/fe/q1", 1),
                        Map.entry(repository + "/fe/q2", 2));

                // Repaired and released, the row and the one it held back go out, in order.
                editLine(store, TAMPERED, 2, "substring(line FROM 1 FOR length(line) - 1)");
                assertThat(relay.release(quarantined.get(0).id())).isTrue();
                relay.drainOnce();

                CycleStateProjection after = new CycleStateProjection();
                OutboxKafkaTest.consume(topic, store, after, 5);
                assertThat(after.sequences()).containsOnly(Map.entry(repository + "/fe/q1", 3),
                        Map.entry(repository + "/fe/q2", 2));
                assertThat(after.early()).isZero();
                assertThat(mine(relay, repository)).isEmpty();
            } finally {
                clearOutbox(store);
            }
        }
    }

    @Test
    void aRecordTheBrokerRefusesForGoodIsQuarantinedWhileOtherCyclesDrain() throws Exception {
        String topic = TestServers.topic("planning.events." + UUID.randomUUID());
        Properties small = new Properties();
        small.put("max.request.size", "4096");
        try (PostgresStore store = TestServers.store(true);
                OutboxRelay relay = manual(store, topic, small)) {
            String repository = store.eventStore().repository();
            try {
                String head = store.eventStore().append(TAMPERED, Events.created(TAMPERED), RecordedEvent.GENESIS).hash();
                store.eventStore().append(TAMPERED, Events.fact(TAMPERED, EventType.GATE_EVALUATED,
                        Map.of("note", "x".repeat(8000))), head);
                append(store, HEALTHY, 2);

                relay.drainOnce();

                assertThat(mine(relay, repository)).singleElement().satisfies(q -> {
                    assertThat(q.cycle()).contains(TAMPERED);
                    assertThat(q.sequence()).isEqualTo(2);
                    assertThat(q.reason()).contains("refuses it for good").contains("RecordTooLarge");
                });
                CycleStateProjection projection = new CycleStateProjection();
                OutboxKafkaTest.consume(topic, store, projection, 3);
                assertThat(projection.sequences()).containsOnly(Map.entry(repository + "/fe/q1", 1),
                        Map.entry(repository + "/fe/q2", 2));
            } finally {
                clearOutbox(store);
            }
        }
    }

    /**
     * Sixth review: the envelope's {@code type} (what consumers route by) was the event table's
     * {@code event_type} column, which the relay's checks of the line do not cover; an edit of that
     * column alone published a {@code STATE_TRANSITION} line as {@code dev.planning.manifest_sealed}.
     */
    @Test
    void theEnvelopesTypeIsTheLinesNotAnEditedColumns() throws Exception {
        String topic = TestServers.topic("planning.events." + UUID.randomUUID());
        try (PostgresStore store = TestServers.store(true);
                OutboxRelay relay = manual(store, topic, new Properties())) {
            try {
                append(store, TAMPERED, 2);
                try (Connection connection = store.dataSource().getConnection();
                        PreparedStatement update = connection.prepareStatement("UPDATE planning_event"
                                + " SET event_type = 'MANIFEST_SEALED' WHERE repository = ? AND stream = ?"
                                + " AND cycle_id = ? AND seq = 2")) {
                    update.setString(1, store.eventStore().repository());
                    update.setString(2, TAMPERED.stream());
                    update.setString(3, TAMPERED.cycleId());
                    assertThat(update.executeUpdate()).isEqualTo(1);
                }

                relay.drainOnce();

                List<ConsumerRecord<String, byte[]>> records = OutboxKafkaTest.consume(topic, store,
                        new CycleStateProjection(), 2);
                assertThat(records).hasSize(2);
                com.fasterxml.jackson.databind.JsonNode second = CloudEventEnvelope.decode(records.get(1).value());
                assertThat(second.get("planningsequence").asInt()).isEqualTo(2);
                assertThat(second.get("type").asText()).isEqualTo("dev.planning.state_transition");
            } finally {
                clearOutbox(store);
            }
        }
    }

    /**
     * attack28: a log imported by {@code store migrate} is whoever committed it, and nothing on the way checks a
     * line's {@code entity_id}. The relay published a line of TAMPERED's log whose event names HEALTHY under
     * TAMPERED's key, source and subject; the consumer example refuses such an envelope by stopping, so one
     * committed line stalled every cycle of its partition. It is now quarantined, with the reason, before it is sent.
     */
    @Test
    void aLineAboutAnotherCycleIsQuarantinedNotPublishedUnderThisCyclesKey() throws Exception {
        String topic = TestServers.topic("planning.events." + UUID.randomUUID());
        try (PostgresStore store = TestServers.store(true);
                OutboxRelay relay = manual(store, topic, new Properties())) {
            String repository = store.eventStore().repository();
            try {
                String head = store.eventStore().append(TAMPERED, Events.created(TAMPERED), RecordedEvent.GENESIS)
                        .hash();
                PlanningEvent moved = Events.moved(TAMPERED, CycleState.PLANNED, CycleState.PLANNED);
                head = store.eventStore().append(TAMPERED, new PlanningEvent(moved.id(), moved.timestamp(),
                        moved.type(), moved.fromState(), moved.toState(), HEALTHY + "\u202e", moved.triggeredBy(),
                        moved.gateResults(), moved.details()), head).hash();
                store.eventStore().append(TAMPERED, Events.moved(TAMPERED, CycleState.PLANNED, CycleState.PLANNED),
                        head);
                append(store, HEALTHY, 2);

                relay.drainOnce();

                assertThat(mine(relay, repository)).singleElement().satisfies(q -> {
                    assertThat(q.cycle()).contains(TAMPERED);
                    assertThat(q.sequence()).isEqualTo(2);
                    assertThat(q.reason()).contains("is about entity_id \"" + HEALTHY + "\\u202E\", not " + TAMPERED);
                    assertThat(q.heldBack()).isEqualTo(1);
                });
                assertPublished(topic, store, 3, Map.of(repository + "/fe/q1", 1, repository + "/fe/q2", 2));
            } finally {
                clearOutbox(store);
            }
        }
    }

    /**
     * robust28: a row whose stream or cycle id is no valid one (changed in the database) failed the whole round
     * ({@code new CycleRef} threw out of the relay's read of the batch), so no cycle's events were published. It is
     * quarantined alone, quoting both, and every other cycle drains.
     */
    @Test
    void aRowNamingNoValidCycleIsQuarantinedAloneWhileOtherCyclesDrain() throws Exception {
        String topic = TestServers.topic("planning.events." + UUID.randomUUID());
        try (PostgresStore store = TestServers.store(true);
                OutboxRelay relay = manual(store, topic, new Properties())) {
            String repository = store.eventStore().repository();
            try {
                append(store, TAMPERED, 1);
                append(store, HEALTHY, 2);
                try (Connection connection = store.dataSource().getConnection();
                        PreparedStatement update = connection.prepareStatement("UPDATE planning_outbox"
                                + " SET cycle_id = '../x' WHERE repository = ? AND stream = ? AND cycle_id = ?")) {
                    update.setString(1, repository);
                    update.setString(2, TAMPERED.stream());
                    update.setString(3, TAMPERED.cycleId());
                    assertThat(update.executeUpdate()).isEqualTo(1);
                }

                relay.drainOnce();

                assertThat(mine(relay, repository)).singleElement().satisfies(q -> {
                    assertThat(q.cycle()).isEmpty();
                    assertThat(q.reason()).contains("names stream \"fe\" and cycle id \"../x\"", "which name no cycle");
                });
                assertPublished(topic, store, 2, Map.of(repository + "/fe/q2", 2));
            } finally {
                clearOutbox(store);
            }
        }
    }

    /**
     * tidy30: any other failure of one row (building its envelope from its line, say) threw out of the relay's read
     * of the batch and failed the whole round, so no cycle's events were published. The row is quarantined alone,
     * with the failure, holding back only its cycle's later rows.
     */
    @Test
    void aRowWhoseEnvelopeCannotBeBuiltIsQuarantinedAloneWhileOtherCyclesDrain() throws Exception {
        String topic = TestServers.topic("planning.events." + UUID.randomUUID());
        OutboxRelay.Envelopes failing = failingAtTamperedLine2(() -> true,
                eventId -> new InvalidInputException("cannot build the CloudEvents envelope of " + eventId));
        try (PostgresStore store = TestServers.store(true);
                OutboxRelay relay = OutboxRelay.manual(store.dataSource(), producer(), topic, Duration.ofSeconds(10),
                        failing)) {
            String repository = store.eventStore().repository();
            try {
                append(store, TAMPERED, 3);
                append(store, HEALTHY, 2);

                relay.drainOnce();

                assertThat(mine(relay, repository)).singleElement().satisfies(q -> {
                    assertThat(q.cycle()).contains(TAMPERED);
                    assertThat(q.sequence()).isEqualTo(2);
                    assertThat(q.reason()).isEqualTo("line 2 of " + repository + "/" + TAMPERED + " cannot be"
                            + " published: cannot build the CloudEvents envelope of " + q.eventId());
                    assertThat(q.heldBack()).isEqualTo(1);
                });
                assertPublished(topic, store, 3, Map.of(repository + "/fe/q1", 1, repository + "/fe/q2", 2));
            } finally {
                clearOutbox(store);
            }
        }
    }

    /**
     * errs37: a failure of the relay's own while it built a row's message (a bug, an {@code IllegalStateException}:
     * not the event's fault) quarantined the event as if it were bad, for good until someone released it. The row
     * waits instead, holding back only its cycle's later rows, the failure told; every other cycle drains, and once
     * the fault is gone the row goes out with the rest, no release needed.
     */
    @Test
    void aRowThatFailsOnAFaultOfTheRelaysIsNotQuarantinedButWaitsWhileOtherCyclesDrain() throws Exception {
        String topic = TestServers.topic("planning.events." + UUID.randomUUID());
        IllegalStateException bug = new IllegalStateException("a bug of the relay's");
        OutboxRelay.Envelopes failing = failingAtTamperedLine2(() -> true, eventId -> bug);
        try (PostgresStore store = TestServers.store(true)) {
            String repository = store.eventStore().repository();
            try {
                append(store, TAMPERED, 3);
                append(store, HEALTHY, 2);
                try (OutboxRelay relay = OutboxRelay.manual(store.dataSource(), producer(), topic,
                        Duration.ofSeconds(10), failing)) {

                    relay.drainOnce();

                    assertThat(mine(relay, repository)).as("nothing quarantined").isEmpty();
                    assertThat(relay.lastFailure()).containsSame(bug);
                    assertThat(waiting(store)).isEqualTo(2);
                    assertPublished(topic, store, 3, Map.of(repository + "/fe/q1", 1, repository + "/fe/q2", 2));
                }
                try (OutboxRelay fixed = manual(store, topic, new Properties())) {
                    fixed.drainOnce();

                    assertThat(waiting(store)).isZero();
                    assertPublished(topic, store, 5, Map.of(repository + "/fe/q1", 3, repository + "/fe/q2", 2));
                }
            } finally {
                clearOutbox(store);
            }
        }
    }

    /**
     * store38: the relay thread cleared its last failure after each round that drained, so a row waiting on a fault of
     * the relay's showed in the ERROR log alone, once a poll. Its failure is now told until the row moves, and logged
     * once, not each round; once the fault is gone the row goes out and nothing is told.
     */
    @Test
    void aRowWaitingOnAFaultOfTheRelaysIsToldUntilItMovesAndLoggedOnce() throws Exception {
        String topic = TestServers.topic("planning.events." + UUID.randomUUID());
        IllegalStateException bug = new IllegalStateException("a bug of the relay's");
        AtomicBoolean broken = new AtomicBoolean(true);
        OutboxRelay.Envelopes failing = failingAtTamperedLine2(broken::get, eventId -> bug);
        try (PostgresStore store = TestServers.store(true)) {
            String repository = store.eventStore().repository();
            try {
                append(store, TAMPERED, 3);
                append(store, HEALTHY, 2);
                try (OutboxRelay relay = OutboxRelay.start(store.dataSource(), producer(), topic,
                        Duration.ofMillis(50), Duration.ofSeconds(10), failing)) {
                    awaitWaiting(store, 2);
                    Thread.sleep(1000); // some twenty rounds, each finding the row still failing

                    assertThat(relay.lastFailure()).containsSame(bug);
                    assertThat(relay.faultsLogged()).isOne();

                    broken.set(false);
                    awaitWaiting(store, 0);

                    assertThat(relay.lastFailure()).isEmpty();
                    assertPublished(topic, store, 5, Map.of(repository + "/fe/q1", 3, repository + "/fe/q2", 2));
                }
            } finally {
                clearOutbox(store);
            }
        }
    }

    /** Waits up to 30 seconds until {@code count} rows of the test's repository wait in the outbox. */
    private static void awaitWaiting(PostgresStore store, long count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (waiting(store) != count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(waiting(store)).isEqualTo(count);
    }

    /**
     * tidy30: the repository column was not checked as the stream and cycle id are: a cycle's rows moved to a
     * repository no store may be given (both tables changed, so the line is found and checks) were published under
     * it, in the envelope's key, source and {@code planningrepository}. Such a row is quarantined, quoting it.
     */
    @Test
    void aRowOfAnInvalidRepositoryIsQuarantinedAloneWhileOtherCyclesDrain() throws Exception {
        String topic = TestServers.topic("planning.events." + UUID.randomUUID());
        try (PostgresStore store = TestServers.store(true);
                OutboxRelay relay = manual(store, topic, new Properties())) {
            String repository = store.eventStore().repository();
            String invalid = repository + " \u001b[2J";
            try {
                append(store, TAMPERED, 1);
                append(store, HEALTHY, 2);
                for (String table : List.of("planning_outbox", "planning_event")) {
                    try (Connection connection = store.dataSource().getConnection();
                            PreparedStatement update = connection.prepareStatement("UPDATE " + table
                                    + " SET repository = ? WHERE repository = ? AND stream = ? AND cycle_id = ?")) {
                        update.setString(1, invalid);
                        update.setString(2, repository);
                        update.setString(3, TAMPERED.stream());
                        update.setString(4, TAMPERED.cycleId());
                        assertThat(update.executeUpdate()).isEqualTo(1);
                    }
                }

                relay.drainOnce();

                assertThat(mine(relay, invalid)).singleElement().satisfies(q -> assertThat(q.reason()).isEqualTo(
                        "names repository \"" + repository + " \\u001B[2J\", which is no valid repository name"
                                + " (expected 1-200 letters, digits, '.', '_', '/' or '-', starting with a letter or"
                                + " digit (e.g. acme/payments))"));
                assertPublished(topic, store, 2, Map.of(repository + "/fe/q2", 2));
            } finally {
                clearOutbox(store);
                try (Connection connection = store.dataSource().getConnection();
                        PreparedStatement delete = connection.prepareStatement("DELETE FROM planning_outbox"
                                + " WHERE repository = ?")) {
                    delete.setString(1, invalid);
                    delete.executeUpdate();
                }
            }
        }
    }

    /**
     * Reads {@code count} events of {@code store}'s repository from {@code topic}, applied by the consumers' model:
     * that many records, and the cycles applied are those of {@code lastApplied}, each at its last sequence.
     */
    private static void assertPublished(String topic, PostgresStore store, int count, Map<String, Integer> lastApplied)
            throws Exception {
        CycleStateProjection projection = new CycleStateProjection();
        assertThat(OutboxKafkaTest.consume(topic, store, projection, count)).hasSize(count);
        assertThat(projection.sequences()).isEqualTo(lastApplied);
    }

    private static OutboxRelay manual(PostgresStore store, String topic, Properties extra) {
        return OutboxRelay.manual(store.dataSource(), producer(extra), topic, Duration.ofSeconds(10));
    }

    /** A producer of the test broker's. */
    private static Producer<String, byte[]> producer() {
        return producer(new Properties());
    }

    /** A producer of the test broker's, with {@code extra} properties. */
    private static Producer<String, byte[]> producer(Properties extra) {
        Properties props = new Properties();
        props.put("bootstrap.servers", TestServers.kafka().bootstrapServers());
        props.putAll(extra);
        return OutboxRelay.producer(props);
    }

    /**
     * Builds each message as the relay does, but fails building TAMPERED's line 2, with what {@code failure} gives for
     * its event id, while {@code broken} holds.
     */
    private static OutboxRelay.Envelopes failingAtTamperedLine2(BooleanSupplier broken,
            Function<String, RuntimeException> failure) {
        return (repository, cycle, sequence, sha256, eventId, type, time, line) -> {
            if (broken.getAsBoolean() && cycle.equals(TAMPERED) && sequence == 2) {
                throw failure.apply(eventId);
            }
            return CloudEventEnvelope.encode(repository, cycle, sequence, sha256, eventId, type, time, line);
        };
    }

    private static void append(PostgresStore store, CycleRef cycle, int events) {
        String head = store.eventStore().append(cycle, Events.created(cycle), RecordedEvent.GENESIS).hash();
        for (int i = 1; i < events; i++) {
            head = store.eventStore().append(cycle, Events.moved(cycle, CycleState.PLANNED, CycleState.PLANNED), head)
                    .hash();
        }
    }

    /** Changes a stored line behind the store's back (as someone with write access to the table could). */
    private static void editLine(PostgresStore store, CycleRef cycle, int seq, String expression) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE planning_event SET line = " + expression
                        + " WHERE repository = ? AND stream = ? AND cycle_id = ? AND seq = ?")) {
            update.setString(1, store.eventStore().repository());
            update.setString(2, cycle.stream());
            update.setString(3, cycle.cycleId());
            update.setInt(4, seq);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    /** How many rows of this test's repository the outbox holds, not quarantined. */
    private static long waiting(PostgresStore store) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM planning_outbox"
                        + " WHERE repository = ? AND quarantined_at IS NULL")) {
            count.setString(1, store.eventStore().repository());
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<OutboxRelay.Quarantined> mine(OutboxRelay relay, String repository) throws SQLException {
        return relay.quarantined().stream().filter(q -> q.repository().equals(repository)).toList();
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
