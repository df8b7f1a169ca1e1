package dev.planning.store.postgres;

import dev.planning.api.PlanningException;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.postgresql.PGConnection;

/**
 * Publishes the transactional outbox ({@code planning_outbox}) to a Kafka topic: each committed
 * event, at least once, in order per cycle, keyed by {@code repository/stream/cycleId}, as a
 * CloudEvents JSON envelope.
 *
 * <pre>{@code
 * Properties props = new Properties();
 * props.put("bootstrap.servers", "kafka:9092");
 * try (OutboxRelay relay = OutboxRelay.start(store.dataSource(), OutboxRelay.producer(props), "planning.events")) {
 *     ... // appends with PostgresStore.builder().outbox(true) are published after they commit
 * }
 * }</pre>
 *
 * <p>How it keeps its promises: rows are only ever inserted by committed appends, so nothing
 * uncommitted is published; the relay sends rows in {@code id} order (a cycle's rows get
 * increasing ids because each append waits for the previous one's commit) and deletes a row only
 * after the broker acknowledged it and every row before it, so a broker outage leaves the rows in
 * place and they drain, in order, when it returns. A crash between the acknowledgement and the
 * delete publishes a row again: consumers deduplicate by the envelope's {@code id} (the event id).
 *
 * <p>Order, exactly: every row after the first unacknowledged one is sent again, after it. So when
 * a send fails while later ones of the same cycle succeed (a broker going down mid-batch), a later
 * event can appear once <em>ahead</em> of an earlier one, and is then repeated in order. A consumer
 * that applies a cycle's events by the envelope's {@code planningsequence} (dropping one at or below
 * the last applied as a duplicate, and one beyond the next as an early copy) sees each cycle's events
 * exactly once, in order; the module's tests show it with the broker stopped under load.
 * One relay at a time works on a database (a PostgreSQL advisory lock); others wait.
 * It wakes on {@code NOTIFY planning_outbox} (sent by the database when an append queues a row) and otherwise polls.
 */
public final class OutboxRelay implements AutoCloseable {

    /** The advisory lock key that makes one relay the active one. */
    private static final long LOCK_KEY = 0x706c616e6e696e67L;
    private static final int BATCH = 500;
    private static final EventLineCodec CODEC = new EventLineCodec();

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration poll;
    private final Duration sendTimeout;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable lastFailure;

    private OutboxRelay(DataSource dataSource, Producer<String, byte[]> producer, String topic, Duration poll,
            Duration sendTimeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.poll = poll;
        this.sendTimeout = sendTimeout;
        this.thread = new Thread(this::loop, "planning-outbox-relay");
        this.thread.setDaemon(true);
    }

    /** Starts a relay thread with the default poll (1 s, woken early by notifications) and send timeout (10 s). */
    public static OutboxRelay start(DataSource dataSource, Producer<String, byte[]> producer, String topic) {
        return start(dataSource, producer, topic, Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    /** Starts a relay thread. The relay closes {@code producer} when it is closed. */
    public static OutboxRelay start(DataSource dataSource, Producer<String, byte[]> producer, String topic,
            Duration poll, Duration sendTimeout) {
        OutboxRelay relay = new OutboxRelay(dataSource, producer, topic, poll, sendTimeout);
        relay.thread.start();
        return relay;
    }

    /**
     * A relay without its thread, for a caller that drains on its own schedule with
     * {@link #drainOnce()} (a command-line run publishing what it committed, say).
     */
    public static OutboxRelay manual(DataSource dataSource, Producer<String, byte[]> producer, String topic,
            Duration sendTimeout) {
        return new OutboxRelay(dataSource, producer, topic, Duration.ofSeconds(1), sendTimeout);
    }

    /**
     * A producer fit for the relay: {@code acks=all}, idempotent (no reordering on retries), short
     * blocking so an outage is noticed quickly, string keys and byte values. {@code props} needs at
     * least {@code bootstrap.servers}.
     */
    public static Producer<String, byte[]> producer(java.util.Properties props) {
        java.util.Properties all = new java.util.Properties();
        all.put("acks", "all");
        all.put("enable.idempotence", "true");
        all.put("max.in.flight.requests.per.connection", "5");
        all.put("max.block.ms", "3000");
        all.put("request.timeout.ms", "3000");
        all.put("delivery.timeout.ms", "8000");
        all.put("linger.ms", "0");
        all.putAll(props);
        return new org.apache.kafka.clients.producer.KafkaProducer<>(all,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    /**
     * Publishes what the outbox holds now, once, on the calling thread (the relay thread does this
     * in a loop).
     *
     * @return how many rows were published and removed; 0 when another relay holds the lock
     */
    public int drainOnce() throws SQLException {
        int total = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!tryLock(connection)) {
                    connection.rollback();
                    return 0;
                }
                while (true) {
                    List<Row> rows = next(connection);
                    if (rows.isEmpty()) {
                        break;
                    }
                    int sent = publish(rows);
                    if (sent > 0) {
                        delete(connection, rows.subList(0, sent));
                        connection.commit();
                        total += sent;
                    }
                    if (sent < rows.size() || !tryLock(connection)) {
                        break;
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            }
        }
        return total;
    }

    /** How many rows wait in the outbox. */
    public long pending() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM planning_outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The last failure of the relay thread (broker or database unreachable), if the last round failed. */
    public java.util.Optional<Throwable> lastFailure() {
        return java.util.Optional.ofNullable(lastFailure);
    }

    @Override
    public void close() {
        running = false;
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
    }

    private void loop() {
        Connection listener = null;
        while (running) {
            try {
                if (listener == null || listener.isClosed()) {
                    listener = listen();
                }
                int drained = drainOnce();
                lastFailure = null;
                if (drained == 0) {
                    listener.unwrap(PGConnection.class).getNotifications((int) poll.toMillis());
                }
            } catch (SQLException | RuntimeException e) {
                lastFailure = e;
                closeQuietly(listener);
                listener = null;
                pause();
            }
        }
        closeQuietly(listener);
    }

    private Connection listen() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN planning_outbox");
        }
        return connection;
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static List<Row> next(Connection connection) throws SQLException {
        // A row queued by an append names its event; the message is built from the event row here
        // (rows queued by schema version 1 carry their message).
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT o.id, o.repository, o.stream, o.cycle_id, o.message, o.seq, e.sha256, e.event_type, e.line"
                        + " FROM planning_outbox o LEFT JOIN planning_event e ON e.repository = o.repository"
                        + " AND e.stream = o.stream AND e.cycle_id = o.cycle_id AND e.seq = o.seq"
                        + " ORDER BY o.id LIMIT " + BATCH)) {
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String repository = rs.getString(2);
                    CycleRef cycle = new CycleRef(rs.getString(3), rs.getString(4));
                    byte[] message = rs.getBytes(5);
                    if (message == null) {
                        byte[] line = rs.getBytes(9);
                        if (line == null) {
                            throw new SQLException("outbox row " + rs.getLong(1) + " names line " + rs.getInt(6)
                                    + " of " + repository + "/" + cycle + ", which the event table does not hold");
                        }
                        PlanningEvent event = CODEC.decode(line).event();
                        message = CloudEventEnvelope.encode(repository, cycle, rs.getInt(6), rs.getString(7),
                                event.id(), rs.getString(8), event.timestamp().toString(), line);
                    }
                    rows.add(new Row(rs.getLong(1), CloudEventEnvelope.key(repository, cycle), message));
                }
            }
            return rows;
        }
    }

    /** Sends the rows and waits; returns the length of the acknowledged prefix. */
    private int publish(List<Row> rows) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        try {
            for (Row row : rows) {
                sends.add(producer.send(new ProducerRecord<>(topic, row.key, row.message)));
            }
        } catch (RuntimeException e) {
            lastFailure = e;
        }
        producer.flush();
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                lastFailure = e;
                return i;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlanningException("interrupted while publishing the outbox", null, e);
            }
        }
        return sends.size();
    }

    /**
     * Deletes exactly the rows published: a row with a smaller id may commit after this batch was
     * read (ids are taken at insert, visible at commit), so a range delete could drop it unsent.
     */
    private static void delete(Connection connection, List<Row> published) throws SQLException {
        Long[] ids = published.stream().map(Row::id).toArray(Long[]::new);
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM planning_outbox WHERE id = ANY (?)")) {
            delete.setArray(1, connection.createArrayOf("bigint", ids));
            delete.executeUpdate();
        }
    }

    private void pause() {
        try {
            Thread.sleep(Math.min(poll.toMillis(), 500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already broken: nothing to release.
            }
        }
    }

    private record Row(long id, String key, byte[] message) {
    }
}
