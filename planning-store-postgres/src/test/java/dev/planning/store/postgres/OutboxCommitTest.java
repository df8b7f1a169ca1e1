package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * "An event is published only after it is committed" (issue 14), shown on an append held open
 * between its outbox row and its commit: a database of its own whose outbox rows, once inserted,
 * wait for an advisory lock the test holds before their transaction can end. While the append
 * waits there, a relay finds nothing to publish; when the append's connection is killed, its
 * transaction is rolled back and its event is never published; the next append, left to commit,
 * is published, alone.
 */
@Tag("slow")
@Tag("servers")
class OutboxCommitTest {

    private static final long HOLD = 142_026L;
    private static final CycleRef CYCLE = new CycleRef("fe", "commit");

    @Test
    void anEventIsPublishedOnlyAfterItsTransactionCommitsAndNeverWhenItIsRolledBack() throws Exception {
        String database = "outbox_commit_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = TestServers.postgres().getConnection(); Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + database);
        }
        String url = TestServers.jdbcUrl().replace("/postgres?", "/" + database + "?");
        String topic = TestServers.topic("planning.events." + UUID.randomUUID());
        Properties props = new Properties();
        props.put("bootstrap.servers", TestServers.kafka().bootstrapServers());
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).repository("commit").outbox(true).poolSize(3)
                .retryFor(Duration.ZERO).lockTimeout(Duration.ofMinutes(3)).build();
                OutboxRelay relay = OutboxRelay.manual(store.dataSource(), OutboxRelay.producer(props), topic,
                        Duration.ofSeconds(30));
                Connection holder = DriverManager.getConnection(url)) {
            try (Statement ddl = holder.createStatement()) {
                ddl.execute("CREATE FUNCTION hold_before_commit() RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN PERFORM pg_advisory_xact_lock(" + HOLD + "); RETURN NEW; END $$");
                ddl.execute("CREATE TRIGGER hold_before_commit AFTER INSERT ON planning_outbox"
                        + " FOR EACH ROW EXECUTE FUNCTION hold_before_commit()");
                ddl.execute("SELECT pg_advisory_lock(" + HOLD + ")");
            }
            PlanningEvent rolledBack = Events.created(CYCLE);
            CompletableFuture<RecordedEvent> held = CompletableFuture.supplyAsync(
                    () -> store.eventStore().append(CYCLE, rolledBack, RecordedEvent.GENESIS), runnable -> {
                        Thread thread = new Thread(runnable, "append-held-before-commit");
                        thread.setDaemon(true);
                        thread.start();
                    });
            int backend = waitUntilHeld(holder, held);

            assertThat(uncommittedOutboxRows(holder, backend)).as("its event and outbox rows are written").isTrue();
            assertThat(relay.drainOnce()).as("published while uncommitted").isZero();
            assertThat(relay.pending()).isZero();

            try (PreparedStatement kill = holder.prepareStatement("SELECT pg_terminate_backend(?)")) {
                kill.setInt(1, backend);
                kill.execute();
            }
            assertThatThrownBy(held::join).hasCauseInstanceOf(PlanningException.class);
            assertThat(relay.drainOnce()).as("published after a rollback").isZero();

            try (Statement release = holder.createStatement()) {
                release.execute("SELECT pg_advisory_unlock(" + HOLD + ")");
            }
            PlanningEvent committed = Events.created(CYCLE);
            store.eventStore().append(CYCLE, committed, RecordedEvent.GENESIS);
            assertThat(relay.drainOnce()).isEqualTo(1);

            List<ConsumerRecord<String, byte[]>> records = OutboxKafkaTest.consume(topic, store,
                    new CycleStateProjection(), 1);
            assertThat(records).singleElement().satisfies(record -> assertThat(
                    CloudEventEnvelope.decode(record.value()).get("id").asText()).isEqualTo(committed.id()));
            assertThat(store.eventStore().read(CYCLE)).extracting(r -> r.event().id()).containsExactly(committed.id());
            assertThat(relay.quarantined()).as("no outbox row ever stood without its committed event").isEmpty();
        }
    }

    /** The backend of the append once it waits for the test's lock, after inserting its outbox row. */
    private static int waitUntilHeld(Connection holder, CompletableFuture<RecordedEvent> append) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (PreparedStatement find = holder.prepareStatement("SELECT pid FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
                + " AND query LIKE '%planning_append(%'")) {
            while (System.nanoTime() < deadline) {
                if (append.isDone()) {
                    throw new AssertionError("the append ended before it reached the held lock: " + append.join());
                }
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        return rs.getInt(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the append never reached the held lock");
    }

    /** Whether the backend's transaction holds a lock on the outbox table (it has inserted its row). */
    private static boolean uncommittedOutboxRows(Connection holder, int backend) throws Exception {
        try (PreparedStatement locks = holder.prepareStatement("SELECT count(*) FROM pg_locks"
                + " WHERE pid = ? AND relation = 'planning_outbox'::regclass AND mode = 'RowExclusiveLock' AND granted")) {
            locks.setInt(1, backend);
            try (ResultSet rs = locks.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }
}
