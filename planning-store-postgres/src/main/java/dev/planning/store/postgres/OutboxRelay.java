package dev.planning.store.postgres;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.Printable;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.hash.Sha256;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
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
 * place and they drain, in order, when it returns. A send the producer refuses before sending (a
 * login the broker refused, metadata not had within {@code max.block.ms}) ends the round, the rows
 * left waiting: one blocked send per round, not one per waiting row. A crash between the acknowledgement and the
 * delete publishes a row again: consumers deduplicate by the envelope's {@code source} and
 * {@code id} together, as CloudEvents defines an event's identity, never by {@code id} alone: an
 * event id is unique within its cycle only, and a log imported by {@code planning store migrate} was
 * written by whoever committed it and may repeat another cycle's ids (deduplicating by {@code id}
 * alone would let such a log hide another cycle's events from the consumer).
 *
 * <p>Order, exactly: every row after the first unacknowledged one is sent again, after it. So when
 * a send fails while later ones of the same cycle succeed (a broker going down mid-batch), a later
 * event can appear once <em>ahead</em> of an earlier one, and is then repeated in order. A consumer
 * that applies a cycle's events by the envelope's {@code planningsequence} (dropping one at or below
 * the last applied as a duplicate, and one beyond the next as an early copy) sees each cycle's events
 * exactly once, in order; the module's tests show it with the broker stopped under load.
 *
 * <p>Every payload is checked before it is sent: the event row's line must hash to the SHA-256
 * stored with it, chain to the stored previous hash, decode, carry the outbox row's event id, and be about the
 * row's cycle (its {@code entity_id}: a log {@code planning store migrate} imported may say otherwise). A
 * row that fails (or whose event row is missing, whose repository, stream or cycle id names none, whose message
 * cannot be built from its line, or that the broker refuses for good, such as a record too large) is never published: it is <em>quarantined</em> in its row with the reason,
 * logged at WARN, and listed by {@link #quarantined()} ({@code planning store quarantined}). It
 * holds back only its own cycle's later rows, so that cycle's order is kept; every other cycle
 * goes on draining. Once the cause is repaired, {@link #release(long)} puts it back in line.
 * A row a round read but did not publish (waiting on a fault of the relay's, below, or on the broker) is held: later
 * rounds read it again, but none of its cycle's later rows until it moves, so that a cycle with more than a round's
 * batch of rows behind it does not keep the other cycles' rows from being read (relay38). A round reads the rows not
 * held first, in {@code id} order, and tries the held rows in the room they leave, a tenth of the round at least (one
 * row), those read longest ago first: so more held rows than a round reads do not keep the other cycles' ready rows
 * from being read, each held row is tried in turn (relay39), and new rows coming in as fast as a round publishes them
 * do not keep the held rows from being tried (review39). A record the broker fails holds back only its own cycle: the round's other records are
 * published in that round.
 * A failure of the relay's own while it builds a row's message (a fault of this code, not of the event) quarantines
 * nothing: the row waits, holding back its cycle's later rows as a quarantined one would, and it is tried again each
 * round, so that it goes out once the fault is gone. Its failure is given by {@link #lastFailure()} until the row
 * moves (published, quarantined, or gone from the outbox), whatever rounds pass between, and logged at ERROR once,
 * and again only when it changes: not once a poll (store38); its going out once the fault is gone is logged at INFO.
 * One relay at a time works on a database (a PostgreSQL advisory lock); others wait.
 * It wakes on {@code NOTIFY planning_outbox} (sent by the database when an append queues a row) and otherwise polls.
 */
public final class OutboxRelay implements AutoCloseable {

    /** The advisory lock key that makes one relay the active one. */
    private static final long LOCK_KEY = 0x706c616e6e696e67L;
    /** How many rows a round reads at most, unless a test sets fewer ({@link #batch}). */
    static final int BATCH = 500;
    private static final EventLineCodec CODEC = new EventLineCodec();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OutboxRelay.class);

    /** How many causes of a failure of its own the relay's log shows ({@link #shown}). */
    private static final int MAX_CAUSES = 16;

    /** A row ready to publish ({@code o}): not quarantined, and no earlier row of its cycle is. */
    private static final String READY = "o.quarantined_at IS NULL AND NOT EXISTS (SELECT 1 FROM planning_outbox q"
            + " WHERE q.quarantined_at IS NOT NULL AND q.repository = o.repository AND q.stream = o.stream"
            + " AND q.cycle_id = o.cycle_id AND q.id < o.id)";
    /**
     * A row read this round that is not held ({@code o}): ready, not among the held rows, and no earlier row of its
     * cycle is (the parameter, an array of outbox row ids: looked up by the primary key).
     */
    private static final String READ = READY + " AND NOT (o.id = ANY (?))"
            + " AND NOT EXISTS (SELECT 1 FROM planning_outbox h WHERE h.id = ANY (?) AND h.repository = o.repository"
            + " AND h.stream = o.stream AND h.cycle_id = o.cycle_id AND h.id < o.id)";
    /** The columns a round reads of a row ({@code o}) and its event row. */
    private static final String COLUMNS = "SELECT o.id, o.repository, o.stream, o.cycle_id, o.seq, o.event_id,"
            + " e.sha256, e.prev_sha256, e.line FROM planning_outbox o LEFT JOIN planning_event e"
            + " ON e.repository = o.repository AND e.stream = o.stream AND e.cycle_id = o.cycle_id AND e.seq = o.seq";

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration poll;
    private final Duration sendTimeout;
    /** How many rows a round reads at most: {@link #BATCH}, fewer in a test. */
    private final int batch;
    private final Thread thread;
    /** Builds a row's message ({@link CloudEventEnvelope#encode}; a test's may fail). */
    private final Envelopes envelopes;
    private volatile boolean running = true;
    private volatile Throwable lastFailure;
    /**
     * The rows that wait on a fault of the relay's (building their message failed), by outbox row id, with that
     * failure: kept until the row moves, so that {@link #lastFailure()} tells it between rounds and the ERROR is
     * logged when the failure is new, not every round.
     */
    private final Map<Long, RuntimeException> stuck = new ConcurrentHashMap<>();
    /**
     * The rows, by outbox row id, that a round read at the head of their cycle and did not publish (waiting on a fault
     * of the relay's, a send that failed or was not tried), with the round that last read each: the next rounds read
     * such a row but none of its cycle's later rows, until it moves (relay38: those filled the batch, so a cycle with a
     * batch of rows behind its head kept every other cycle's rows from being read), and only in the room the rows
     * not held leave, those read longest ago first (relay39: more than a batch of held rows filled every round).
     */
    private final Map<Long, Long> held = new ConcurrentHashMap<>();
    /** The rounds read so far: {@link #held}'s clock. */
    private long rounds;
    /** Whether the last round read every row there was to read: fewer than a batch, every held row among them. */
    private boolean readAll;
    /** How many times a row's fault was logged at ERROR (read by the tests). */
    private final AtomicInteger faultsLogged = new AtomicInteger();

    private OutboxRelay(DataSource dataSource, Producer<String, byte[]> producer, String topic, Duration poll,
            Duration sendTimeout, Envelopes envelopes, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch " + batch + " is below 1");
        }
        this.batch = batch;
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.poll = poll;
        this.sendTimeout = sendTimeout;
        this.thread = new Thread(this::loop, "planning-outbox-relay");
        this.thread.setDaemon(true);
    }

    /**
     * Starts a relay thread with the default poll (1 s, woken early by notifications) and send timeout (10 s).
     *
     * @param dataSource the database whose outbox it publishes
     * @param producer the Kafka producer it publishes with ({@link #producer(Properties)}); closed with the relay
     * @param topic the topic it publishes to
     * @return the running relay
     */
    public static OutboxRelay start(DataSource dataSource, Producer<String, byte[]> producer, String topic) {
        return start(dataSource, producer, topic, Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    /**
     * Starts a relay thread. The relay closes {@code producer} when it is closed.
     *
     * @param dataSource the database whose outbox it publishes
     * @param producer the Kafka producer it publishes with ({@link #producer(Properties)}); closed with the relay
     * @param topic the topic it publishes to
     * @param poll how long it waits for a notification after a round that published nothing
     * @param sendTimeout how long a round waits for the broker to acknowledge what it sent
     * @return the running relay
     */
    public static OutboxRelay start(DataSource dataSource, Producer<String, byte[]> producer, String topic,
            Duration poll, Duration sendTimeout) {
        return start(dataSource, producer, topic, poll, sendTimeout, CloudEventEnvelope::encode);
    }

    /** As {@link #start(DataSource, Producer, String, Duration, Duration)}, its messages built by {@code envelopes}. */
    static OutboxRelay start(DataSource dataSource, Producer<String, byte[]> producer, String topic, Duration poll,
            Duration sendTimeout, Envelopes envelopes) {
        OutboxRelay relay = new OutboxRelay(dataSource, producer, topic, poll, sendTimeout, envelopes, BATCH);
        relay.thread.start();
        return relay;
    }

    /**
     * A relay without its thread, for a caller that drains on its own schedule with
     * {@link #drainOnce()} (a command-line run publishing what it committed, say).
     *
     * @param dataSource the database whose outbox it publishes
     * @param producer the Kafka producer it publishes with ({@link #producer(Properties)}); closed with the relay
     * @param topic the topic it publishes to
     * @param sendTimeout how long a round waits for the broker to acknowledge what it sent
     * @return the relay, not started
     */
    public static OutboxRelay manual(DataSource dataSource, Producer<String, byte[]> producer, String topic,
            Duration sendTimeout) {
        return manual(dataSource, producer, topic, sendTimeout, CloudEventEnvelope::encode);
    }

    /** As {@link #manual(DataSource, Producer, String, Duration)}, its messages built by {@code envelopes}. */
    static OutboxRelay manual(DataSource dataSource, Producer<String, byte[]> producer, String topic,
            Duration sendTimeout, Envelopes envelopes) {
        return manual(dataSource, producer, topic, sendTimeout, envelopes, BATCH);
    }

    /** As {@link #manual(DataSource, Producer, String, Duration, Envelopes)}, each round reading {@code batch} rows. */
    static OutboxRelay manual(DataSource dataSource, Producer<String, byte[]> producer, String topic,
            Duration sendTimeout, Envelopes envelopes, int batch) {
        return new OutboxRelay(dataSource, producer, topic, Duration.ofSeconds(1), sendTimeout, envelopes, batch);
    }

    /** How a checked row's message is built: {@link CloudEventEnvelope#encode}'s parameters. */
    @FunctionalInterface
    interface Envelopes {
        byte[] encode(String repository, CycleRef cycle, int sequence, String sha256, String eventId,
                String eventType, String time, byte[] line);
    }

    /**
     * A producer fit for the relay: {@code acks=all}, idempotent (no reordering on retries), short
     * blocking so an outage is noticed quickly, string keys and byte values. {@code props} needs at
     * least {@code bootstrap.servers}.
     *
     * @param props the producer's properties, at least {@code bootstrap.servers}; applied over the defaults above
     * @return the producer
     * @throws InvalidInputException when {@code compression.type} names a codec whose library is not
     *         on the class path (Kafka itself would fail only at the first send)
     */
    public static Producer<String, byte[]> producer(Properties props) {
        Properties all = new Properties();
        all.put("acks", "all");
        all.put("enable.idempotence", "true");
        all.put("max.in.flight.requests.per.connection", "5");
        all.put("max.block.ms", "3000");
        all.put("request.timeout.ms", "3000");
        all.put("delivery.timeout.ms", "8000");
        all.put("linger.ms", "0");
        all.putAll(props);
        requireCodec(all, OutboxRelay::onClassPath);
        return new org.apache.kafka.clients.producer.KafkaProducer<>(all,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    /**
     * Refuses, in words, a {@code compression.type} whose codec library is not on the class path:
     * Kafka would only fail at the first send, with a {@code NoClassDefFoundError}. The
     * {@code planning} command's jar leaves the optional codecs out (it sets no compression);
     * {@code gzip} is the JDK's own and always available.
     *
     * @param present whether a class of the given name can be loaded
     * @throws InvalidInputException naming the missing library
     */
    static void requireCodec(Properties props, Predicate<String> present) {
        Object type = props.get("compression.type");
        if (type == null) {
            return;
        }
        String name = type.toString().strip().toLowerCase(Locale.ROOT);
        String[] codec = switch (name) {
            case "zstd" -> new String[] {"com.github.luben.zstd.Zstd", "com.github.luben:zstd-jni"};
            case "lz4" -> new String[] {"net.jpountz.lz4.LZ4Factory", "at.yawk.lz4:lz4-java"};
            case "snappy" -> new String[] {"org.xerial.snappy.Snappy", "org.xerial.snappy:snappy-java"};
            default -> null;
        };
        if (codec != null && !present.test(codec[0])) {
            throw new InvalidInputException("Kafka compression.type=" + name + " needs " + codec[1]
                    + ", which is not on the class path (the planning command's jar leaves Kafka's codecs out"
                    + " and publishes uncompressed): use compression.type=none or gzip, or add " + codec[1]);
        }
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, org.apache.kafka.clients.producer.KafkaProducer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Publishes what the outbox holds now, once, on the calling thread (the relay thread does this
     * in a loop). Rows that cannot be published are quarantined on the way (see the class comment).
     *
     * @return how many rows were published and removed; 0 when another relay holds the lock
     * @throws SQLException when the database cannot be reached or the statement fails
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
                        if (!readAll) {
                            continue; // the held rows read had all moved: the others are read next
                        }
                        forgetStuckBut(Set.of());
                        break;
                    }
                    Round round = publish(rows);
                    quarantine(connection, round.quarantined());
                    delete(connection, round.published());
                    connection.commit();
                    total += round.published().size();
                    // A round that only found heads to hold goes on: the next reads the other cycles' rows (relay38).
                    if (round.retry() || round.published().isEmpty() && round.quarantined().isEmpty()
                            && !round.newlyHeld() || !tryLock(connection)) {
                        if (!round.retry() && readAll) {
                            // Every row to read was read: a row stuck or held not among them moved.
                            forgetStuckBut(rows.stream().map(Row::id).collect(Collectors.toSet()));
                        }
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

    /**
     * How many rows wait to be published: neither quarantined nor held back behind a quarantined row of their cycle.
     *
     * @return how many rows wait to be published
     * @throws SQLException when the database cannot be reached or the statement fails
     */
    public long pending() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM planning_outbox o WHERE " + READY)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * A quarantined outbox row: never published, holding back its cycle's later rows.
     *
     * @param id         the outbox row, for {@link #release(long)}
     * @param repository the repository (tenant)
     * @param cycle      the cycle; empty when the row's stream or cycle id names no cycle (changed in the
     *                   database: the reason quotes both)
     * @param sequence   the event's line number in the cycle's log
     * @param eventId    the event the row names
     * @param reason     why it was not published
     * @param heldBack   how many later rows of the cycle wait behind it
     */
    public record Quarantined(long id, String repository, Optional<CycleRef> cycle, int sequence, String eventId,
            String reason, long heldBack) {
    }

    /**
     * The quarantined rows, oldest first.
     *
     * @return the quarantined rows, oldest first
     * @throws SQLException when the database cannot be reached or the statement fails
     */
    public List<Quarantined> quarantined() throws SQLException {
        return quarantined(dataSource);
    }

    /**
     * The quarantined rows of the outbox in {@code dataSource}, oldest first (no relay needed to read them).
     *
     * @param dataSource the database whose outbox is read
     * @return the quarantined rows, oldest first
     * @throws SQLException when the database cannot be reached or the statement fails
     */
    public static List<Quarantined> quarantined(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT q.id, q.repository, q.stream, q.cycle_id, q.seq,"
                        + " q.event_id, q.quarantine_reason, (SELECT count(*) FROM planning_outbox o"
                        + " WHERE o.repository = q.repository AND o.stream = q.stream AND o.cycle_id = q.cycle_id"
                        + " AND o.id > q.id AND o.quarantined_at IS NULL)"
                        + " FROM planning_outbox q WHERE q.quarantined_at IS NOT NULL ORDER BY q.id")) {
            List<Quarantined> found = new ArrayList<>();
            while (rs.next()) {
                found.add(new Quarantined(rs.getLong(1), rs.getString(2), cycleNamed(rs.getString(3),
                        rs.getString(4)), rs.getInt(5), rs.getString(6), rs.getString(7), rs.getLong(8)));
            }
            return found;
        }
    }

    /** The cycle {@code stream} and {@code cycleId} name; empty when they name none (a row changed in the database). */
    private static Optional<CycleRef> cycleNamed(String stream, String cycleId) {
        try {
            return Optional.of(new CycleRef(stream, cycleId));
        } catch (PlanningException e) {
            return Optional.empty();
        }
    }

    /**
     * Puts a quarantined row back in line, once its cause is repaired: the next round checks it
     * again (and quarantines it again if it still cannot be published).
     *
     * @param id the row's id, as {@link #quarantined()} lists it
     * @return whether such a quarantined row existed
     * @throws SQLException when the database cannot be reached or the statement fails
     */
    public boolean release(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE planning_outbox SET quarantined_at ="
                        + " NULL, quarantine_reason = NULL WHERE id = ? AND quarantined_at IS NOT NULL")) {
            update.setLong(1, id);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * The last failure of the relay thread (broker or database unreachable), if the last round failed; else, while a
     * row waits on a fault of the relay's own (building its message failed), that failure, until the row moves
     * (store38: the next round that drained cleared it, so the stuck row showed in the ERROR log alone).
     *
     * @return the last round's failure, or the failure a row waits on; empty when neither is
     */
    public Optional<Throwable> lastFailure() {
        Throwable last = lastFailure;
        if (last != null) {
            return Optional.of(last);
        }
        return stuck.values().stream().findFirst().map(Throwable.class::cast);
    }

    /** How many times a row waiting on a fault of the relay's was logged at ERROR: once per row and failure. */
    int faultsLogged() {
        return faultsLogged.get();
    }

    /** Forgets the rows waiting on a fault that are not among {@code seen}: they moved, or left the outbox. */
    private void forgetStuckBut(Set<Long> seen) {
        stuck.keySet().retainAll(seen);
        held.keySet().retainAll(seen);
    }

    /** Whether two failures are the same fault: one type, one message. */
    private static boolean sameFault(Throwable a, Throwable b) {
        return a.getClass() == b.getClass() && Objects.equals(a.getMessage(), b.getMessage());
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

    /**
     * The next rows that are ready: not quarantined, and no earlier row of their cycle quarantined; of a cycle whose
     * head row is {@code held}, that row only, so that a cycle with a batch of rows behind a row that waits does not
     * fill the batch and keep the other cycles' rows from being read (relay38). The rows not held come first, in
     * {@code id} order, and the held rows fill the room they leave (a tenth of the batch at least, one row, kept for
     * them while any is held), those read longest ago first: more than a batch
     * of held rows filled every round, so that no other cycle's rows were read while they waited (relay39), and the
     * held rows beyond a batch were never tried again. Held and not held rows are of different cycles; the round gets
     * them in {@code id} order. Each row's message is built from its event row, after the checks of the class
     * comment; a row that fails them comes back with its reason and no message.
     */
    private List<Row> next(Connection connection) throws SQLException {
        rounds++;
        Array heldIds = connection.createArrayOf("bigint", held.keySet().toArray(Long[]::new));
        List<Row> rows = new ArrayList<>();
        // A tenth of the round (one row at least) is kept for the held rows: with as many new rows coming in as a
        // round publishes, the held ones were never tried again, a fault long gone or not (review39).
        int limit = batch - Math.min(held.size(), Math.max(1, batch / 10));
        try (PreparedStatement select = connection.prepareStatement(COLUMNS + " WHERE " + READ + " ORDER BY o.id"
                + " LIMIT " + limit)) {
            select.setArray(1, heldIds);
            select.setArray(2, heldIds);
            read(select, rows);
        }
        List<Long> retried = held.entrySet().stream()
                .sorted(Map.Entry.<Long, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(batch - rows.size()).map(Map.Entry::getKey).toList();
        readAll = rows.size() < limit && retried.size() == held.size();
        if (!retried.isEmpty()) {
            List<Row> again = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(COLUMNS + " WHERE " + READY
                    + " AND o.id = ANY (?)")) {
                select.setArray(1, connection.createArrayOf("bigint", retried.toArray(Long[]::new)));
                read(select, again);
            }
            Set<Long> found = again.stream().map(Row::id).collect(Collectors.toSet());
            for (Long id : retried) {
                if (found.contains(id)) {
                    held.replace(id, rounds);
                } else {
                    // Not ready any more: it moved (published by another relay, or gone from the outbox).
                    held.remove(id);
                    stuck.remove(id);
                }
            }
            rows.addAll(again);
            rows.sort(Comparator.comparingLong(Row::id));
        }
        return rows;
    }

    /** Adds the rows {@code select} reads, checked ({@link #row}), to {@code rows}. */
    private void read(PreparedStatement select, List<Row> rows) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs));
            }
        }
    }

    /**
     * One outbox row, checked: its message, or why it cannot be published. Nothing of one row fails the round
     * (tidy30): a repository, stream or cycle id that names none, and any failure of the checks or of building the
     * message, quarantine that row alone, keyed by its columns as they are (so only its own cycle's later rows wait).
     */
    private Row row(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        String repository = rs.getString(2);
        String stream = rs.getString(3);
        String cycleId = rs.getString(4);
        // For a valid row, the cycle's key (CloudEventEnvelope.key); for another, one no valid cycle's key equals.
        String key = repository + "/" + stream + "/" + cycleId;
        if (repository == null || !PostgresStore.validRepository(repository)) {
            // tidy30: a repository changed in the database would otherwise name the envelope's source and key.
            return Row.bad(id, key, "names repository \"" + Printable.cut(String.valueOf(repository),
                    Printable.PATH_CHARACTERS) + "\", which is no valid repository name (" + PostgresStore.REPOSITORY_RULE
                    + ")");
        }
        CycleRef cycle;
        try {
            cycle = new CycleRef(stream, cycleId);
        } catch (PlanningException e) {
            // robust28: a row whose stream or cycle id is no valid one (changed in the database) is quarantined
            // alone; it failed the whole round, so that no cycle's events were published.
            return Row.bad(id, key, "names stream \"" + Printable.line(String.valueOf(stream))
                    + "\" and cycle id \"" + Printable.line(String.valueOf(cycleId)) + "\" of " + repository
                    + ", which name no cycle: " + e.getMessage());
        }
        try {
            return checked(rs, id, key, repository, cycle);
        } catch (PlanningException e) {
            // The line itself cannot be published (its envelope cannot be built from it): quarantined, as a bad line.
            return Row.bad(id, key, "line " + rs.getInt(5) + " of " + repository + "/" + cycle + " cannot be"
                    + " published: " + Printable.line(e.getMessage()));
        } catch (RuntimeException e) {
            // errs37: a failure of ours (a bug, not the event's) quarantined the event as if it were bad, for good
            // until someone released it. It holds back its cycle's later rows this round, as a broker refusal does,
            // and is tried again the next round; every other cycle drains.
            return Row.failed(id, key, e);
        }
    }

    /** The row of a valid repository and cycle, after the checks of the class comment. */
    private Row checked(ResultSet rs, long id, String key, String repository, CycleRef cycle) throws SQLException {
        int seq = rs.getInt(5);
        String eventId = rs.getString(6);
        byte[] line = rs.getBytes(9);
        if (line == null) {
            return Row.bad(id, key, "names line " + seq + " of " + repository + "/" + cycle
                    + ", which the event table does not hold");
        }
        String stored = rs.getString(7);
        String actual = Sha256.hex(line);
        if (!actual.equals(stored)) {
            return Row.bad(id, key, "line " + seq + " of " + repository + "/" + cycle + " hashes to " + actual
                    + " but " + stored + " is stored with it: the payload was changed");
        }
        EventLineCodec.Line decoded;
        try {
            decoded = CODEC.decode(line);
        } catch (PlanningException e) {
            return Row.bad(id, key, "line " + seq + " of " + repository + "/" + cycle + " does not decode: "
                    + e.getMessage());
        }
        if (!decoded.prevHash().equals(rs.getString(8))) {
            return Row.bad(id, key, "line " + seq + " of " + repository + "/" + cycle + " chains to "
                    + decoded.prevHash() + " but " + rs.getString(8) + " is stored as its previous hash");
        }
        PlanningEvent event = decoded.event();
        if (!event.id().equals(eventId)) {
            return Row.bad(id, key, "line " + seq + " of " + repository + "/" + cycle + " holds event " + event.id()
                    + ", not " + eventId + " as the outbox row says");
        }
        if (!event.entityId().equals(cycle.toString())) {
            // attack28: a log store migrate imported is whoever committed it; its envelope would carry another
            // cycle's event under this cycle's key, source and subject (a consumer that checks refuses it, stalled).
            return Row.bad(id, key, "line " + seq + " of " + repository + "/" + cycle + " is about entity_id \""
                    + Printable.line(event.entityId()) + "\", not " + cycle + ": an event of another cycle");
        }
        // Every attribute from the checked line (the type too, not the event_type column, which no check covers).
        return new Row(id, key, envelopes.encode(repository, cycle, seq, stored, event.id(),
                event.type().name(), event.timestamp().toString(), line), null);
    }

    /**
     * Sends the good rows, waits for the broker, and settles each cycle's rows in order: published
     * up to the first row that is not; that row quarantined when it can never be published (a bad
     * payload, a record the broker refuses for good), or left to retry (the broker unreachable); the
     * cycle's later rows left in place either way.
     */
    private Round publish(List<Row> rows) {
        Map<String, Boolean> blocked = new HashMap<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        boolean down = false;
        for (Row row : rows) {
            if (row.message == null || blocked.containsKey(row.key) || down) {
                // Behind a bad row of its cycle, nothing is sent (no early copy); with the broker
                // unreachable, nothing more is tried this round (each try would block).
                blocked.put(row.key, Boolean.TRUE);
                sends.add(null);
                continue;
            }
            try {
                Future<RecordMetadata> send = producer.send(new ProducerRecord<>(topic, row.key, row.message));
                sends.add(send);
                // Kafka's producer returns most refusals as a future that has already failed, after
                // blocking up to max.block.ms: a refused login, metadata not had in time. Each further
                // send would block as long again, so nothing more is tried this round.
                down = refusedBeforeSending(send);
            } catch (RuntimeException e) {
                // The producer refused before sending (closed, or blocked too long for metadata).
                lastFailure = e;
                down = true;
                sends.add(null);
            }
        }
        producer.flush();
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        List<Row> published = new ArrayList<>();
        List<Row> quarantined = new ArrayList<>();
        Set<String> stopped = new HashSet<>();
        boolean retry = false;
        boolean newlyHeld = false;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (stopped.contains(row.key)) {
                continue;
            }
            stopped.add(row.key);
            if (row.failure != null) {
                lastFailure = row.failure;
                newlyHeld |= held.put(row.id, rounds) == null;
                RuntimeException before = stuck.put(row.id, row.failure);
                if (before == null || !sameFault(before, row.failure)) {
                    // Once per row and fault, not once a poll (store38): lastFailure() tells it until the row moves.
                    faultsLogged.incrementAndGet();
                    LOG.error("outbox row {} ({}) not published: building its message failed, a fault of the relay's,"
                            + " not of the event; it is tried again each round (logged again only if the failure"
                            + " changes), its cycle's later events waiting behind it", row.id,
                            Printable.line(row.key), shown(row.failure));
                }
                continue;
            }
            if (row.message == null) {
                stuck.remove(row.id);
                held.remove(row.id);
                quarantined.add(row);
                continue;
            }
            Future<RecordMetadata> send = sends.get(i);
            if (send == null) {
                retry = true;
                newlyHeld |= held.put(row.id, rounds) == null;
                continue;
            }
            try {
                send.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                published.add(row);
                held.remove(row.id);
                stopped.remove(row.key);
                if (stuck.remove(row.id) != null) {
                    LOG.info("outbox row {} ({}) published: the fault of the relay's that held it is gone", row.id,
                            Printable.line(row.key));
                }
            } catch (ExecutionException e) {
                lastFailure = e;
                if (refusedForGood(e.getCause())) {
                    stuck.remove(row.id);
                    held.remove(row.id);
                    quarantined.add(row.refused("the broker refuses it for good: " + e.getCause()));
                } else {
                    retry = true;
                    newlyHeld |= held.put(row.id, rounds) == null;
                }
            } catch (TimeoutException e) {
                lastFailure = e;
                retry = true;
                newlyHeld |= held.put(row.id, rounds) == null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlanningException("interrupted while publishing the outbox", null, e);
            }
        }
        return new Round(published, quarantined, retry, newlyHeld);
    }

    /**
     * Whether {@code send} has already failed, for a reason that holds for every record alike (not
     * {@link #refusedForGood one of the record itself}): the producer refused it before sending.
     */
    private static boolean refusedBeforeSending(Future<RecordMetadata> send) {
        if (!send.isDone()) {
            return false;
        }
        try {
            send.get();
            return false;
        } catch (ExecutionException e) {
            return !refusedForGood(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether a send failed for a reason of the record itself, so that sending it again can never
     * succeed; anything else (the broker down, a topic or permission problem) holds for every row
     * alike, and the rows wait instead.
     */
    private static boolean refusedForGood(Throwable cause) {
        return cause instanceof RecordTooLargeException || cause instanceof InvalidRecordException
                || cause instanceof SerializationException;
    }

    /** Marks rows quarantined with their reasons, and says so at WARN. */
    private static void quarantine(Connection connection, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE planning_outbox SET quarantined_at ="
                + " clock_timestamp(), quarantine_reason = ? WHERE id = ?")) {
            for (Row row : rows) {
                update.setString(1, row.reason);
                update.setLong(2, row.id);
                update.addBatch();
                LOG.warn("{}", quarantinedLine(row.id, row.key, row.reason));
            }
            update.executeBatch();
        }
    }

    /**
     * The relay's own failure as the server's log shows it (review38b): its message, and each cause's, may quote the
     * event (a value of the line it failed on), so the logged copy holds each one {@link Printable#line shown} on its
     * line, with the original's class named in it and its stack trace, and no forged line follows it in the log.
     */
    static Throwable shown(Throwable failure) {
        return shown(failure, 0);
    }

    private static Throwable shown(Throwable failure, int depth) {
        Throwable cause = failure.getCause();
        Throwable shownCause = cause == null || cause == failure || depth >= MAX_CAUSES ? null : shown(cause, depth + 1);
        ShownFault copy = new ShownFault(Printable.line(String.valueOf(failure)), shownCause);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** A failure's copy whose text is shown inert ({@link #shown}); its {@code toString} is the original's, escaped. */
    private static final class ShownFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ShownFault(String text, Throwable cause) {
            super(text, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /**
     * The WARN line of a quarantined row, on one line: its key is its columns as they are (a stream or cycle id
     * changed in the database) and its reason may quote the event, so each is {@link Printable#line shown} with
     * every line break and control character as its escape, and no forged line follows it in the server's log.
     */
    static String quarantinedLine(long id, String key, String reason) {
        return "outbox row " + id + " (" + Printable.line(key) + ") quarantined, not published; its cycle's later"
                + " events wait behind it: " + Printable.line(reason);
    }

    /**
     * Deletes exactly the rows published: a row with a smaller id may commit after this batch was
     * read (ids are taken at insert, visible at commit), so a range delete could drop it unsent.
     */
    private static void delete(Connection connection, List<Row> published) throws SQLException {
        if (published.isEmpty()) {
            return;
        }
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

    /**
     * An outbox row: its message, or (when it cannot be published) the reason, or (when building its message failed
     * on a fault of the relay's) that failure.
     */
    private record Row(long id, String key, byte[] message, String reason, RuntimeException failure) {
        Row(long id, String key, byte[] message, String reason) {
            this(id, key, message, reason, null);
        }

        static Row bad(long id, String key, String reason) {
            return new Row(id, key, null, reason);
        }

        static Row failed(long id, String key, RuntimeException failure) {
            return new Row(id, key, null, null, failure);
        }

        Row refused(String why) {
            return new Row(id, key, null, why);
        }
    }

    /**
     * One round's outcome: rows published, rows to quarantine, whether to stop and retry later, and whether a row
     * not published was {@code held} for the first time (its cycle's later rows no longer read).
     */
    private record Round(List<Row> published, List<Row> quarantined, boolean retry, boolean newlyHeld) {
    }
}
