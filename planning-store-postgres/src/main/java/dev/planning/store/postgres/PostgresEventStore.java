package dev.planning.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.eventlog.AppendOrder;
import dev.planning.engine.internal.eventlog.CheckedLogs;
import dev.planning.engine.internal.eventlog.CycleEntity;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.eventlog.EventLogLint;
import dev.planning.engine.internal.eventlog.HistoryFold;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.lifecycle.CycleFold;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The PostgreSQL {@link EventStore}: each cycle's log is the rows of {@code planning_event} for
 * one repository, stream and cycle, one row per log line, holding the line's exact bytes (as the
 * file store writes them), its {@code prev_sha256} and its own SHA-256.
 *
 * <p>Obtain one from {@link PostgresStore#eventStore()}. Guarantees, matching the file store's:
 * <ul>
 * <li><b>Compare-and-append across processes and hosts</b>: an append is one call of the server
 *     function {@code planning_append}, which checks the cycle's head and inserts line
 *     {@code n + 1}; the primary key {@code (repository, stream, cycle_id, seq)} admits one row per
 *     position, so of two writers expecting the same head exactly one commits and the other gets
 *     {@link ConcurrentTransitionException} (no application lock).</li>
 * <li><b>Same hashes</b>: lines are encoded by the engine's codec, so a log moved between files and
 *     the database keeps every hash (see {@link StoreMigration}).</li>
 * <li><b>Verified reads</b>: {@link #read} recomputes each line's SHA-256 from its bytes and checks
 *     the chain and the numbering; a broken one raises {@link EventLogCorruptedException} naming
 *     the first bad line.</li>
 * <li><b>Idempotent appends</b>: appending an event whose id the cycle already holds, with the same
 *     expected head, returns the recorded event instead of a second copy. So an append whose
 *     outcome was lost with the connection may be repeated safely; the store itself repeats it
 *     while the connection is down (for the configured retry time).</li>
 * <li><b>One cycle per log</b>: an event whose entity id names another cycle ({@code stream/cycleId}, not
 *     the one appended to) is refused with {@link IllegalArgumentException} before the database is asked,
 *     as the file and in-memory stores refuse it; an entity id of another form (an embedder's own) is kept.
 *     A stored line about another cycle (rows copied or renamed from another cycle's) is refused by
 *     {@link #read}, {@link #lines}, {@link #readAll} and {@link #importLines} as
 *     {@link EventLogCorruptedException} naming the line, as the file store refuses such a log.</li>
 * <li><b>Appends in time order</b>: an event dated before the line it would follow (the line whose SHA-256 is the
 *     expected head) is refused with {@link dev.planning.api.SystemFailureException} naming both times, before the
 *     database is asked; the same instant is fine. Every read refuses a log whose events go back in time
 *     ({@link ChainWalk}), so a clock that stepped back would otherwise make the cycle unreadable by the store's own
 *     write (time43). That line's time is remembered from this store's reads and appends (a hash fixes its line), or
 *     read from the cycle's last row: one more round trip for an append after a head this store has not seen.</li>
 * <li><b>Atomic</b>: the event row, the cycle's portfolio row and (when enabled) the outbox row
 *     are written in one transaction.</li>
 * <li><b>Bounded waits</b>: an append behind a lock another session holds, or whose statement runs
 *     past the store's bound, ends with {@link StoreBusyException} naming the cycle, nothing
 *     written ({@link PostgresStore.Builder#lockTimeout}, {@link PostgresStore.Builder#statementTimeout}).</li>
 * </ul>
 * Thread-safe.
 */
// fold25: not final only for the one package-private subclass that tells the engine this store reads every
// log at once (AllLogsPostgresEventStore); sealed, so no other can extend it.
public sealed class PostgresEventStore implements EventStore permits AllLogsPostgresEventStore {

    private static final ObjectMapper MAPPER = JsonMappers.json();

    private final Transactions transactions;
    private final String repository;
    private final boolean outbox;
    private final EventLineCodec codec = new EventLineCodec();
    /**
     * The line and time of the heads this store last read or wrote, by the SHA-256 of their line, for the time check
     * of the next append (time43): a few, the least recently used dropped first.
     */
    private final Map<String, Dated> heads = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Dated> eldest) {
            return size() > REMEMBERED_HEADS;
        }
    });

    private static final int REMEMBERED_HEADS = 256;

    PostgresEventStore(Transactions transactions, String repository, boolean outbox) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.outbox = outbox;
    }

    /**
     * The repository (tenant) whose logs this store reads and writes.
     *
     * @return the repository (tenant) whose logs this store reads and writes
     */
    public String repository() {
        return repository;
    }

    /** {@code postgresql:<repository>/<stream>/<cycle>}: how errors name a cycle's log. */
    @Override
    public String location(CycleRef cycle) {
        return "postgresql:" + repository + "/" + cycle;
    }

    @Override
    public List<RecordedEvent> read(CycleRef cycle) {
        Objects.requireNonNull(cycle, "cycle");
        List<Row> rows = transactions.inTransaction("read the event log of " + cycle,
                connection -> rows(connection, cycle));
        return verify(cycle, rows);
    }

    /**
     * The exact bytes of each line of a cycle's log, chain verified (for export).
     *
     * @param cycle the stream and cycle
     * @return the exact bytes of each line of a cycle's log, chain verified (for export)
     */
    public List<byte[]> lines(CycleRef cycle) {
        List<Row> rows = transactions.inTransaction("read the event log of " + cycle,
                connection -> rows(connection, cycle));
        verify(cycle, rows);
        List<byte[]> lines = new ArrayList<>(rows.size());
        rows.forEach(row -> lines.add(row.line.clone()));
        return lines;
    }

    /**
     * {@inheritDoc} Here: the cycles of this store's repository with at least one row in
     * {@code planning_event}, the record (not the portfolio rows, which a cycle's first append writes
     * in the same transaction but which are only its projection); sorted in Java, so that the
     * database's collation cannot change the order.
     */
    @Override
    public List<CycleRef> cycles() {
        List<CycleRef> cycles = transactions.inTransaction("list cycles", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT DISTINCT stream, cycle_id FROM planning_event WHERE repository = ?")) {
                select.setString(1, repository);
                List<CycleRef> found = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(cycleOfRow(rs.getString(1), rs.getString(2)));
                    }
                }
                return found;
            }
        });
        cycles.sort(CYCLE_ORDER);
        return List.copyOf(cycles);
    }

    /**
     * Every cycle's log of this store's repository, as {@link #read} returns each, from one ordered
     * statement over all of the repository's rows (one snapshot) instead of one per cycle: for the
     * cross-cycle questions that must answer from the verified lines. The rows are grouped by the
     * stream and cycle they name; each group's name is judged first, as {@link #cycles()} judges it
     * (a row naming no cycle is refused before any log is walked), then each cycle, in the order
     * {@link #cycles()} lists them, is walked as {@link #read} walks it: the first mistake (a line
     * edited, missing, unreadable, not chained) is refused as {@link EventLogCorruptedException},
     * never skipped. The cross-cycle questions of a workspace built on this store
     * ({@code PlanningWorkspace.queries(trust)}) and the pending-signatures questions of
     * {@link PostgresStore#queries(java.nio.file.Path, dev.planning.api.signing.TrustedKeys)} read the
     * logs so.
     *
     * @return each cycle with at least one row and its events, sorted as {@link #cycles()} sorts them
     * @throws EventLogCorruptedException for the first line of a cycle that does not verify, naming it
     * @throws PlanningException when a row names no cycle, or the database cannot be read
     * @since 0.1
     */
    public Map<CycleRef, List<RecordedEvent>> readAll() {
        Map<List<String>, List<Row>> byName = transactions.inTransaction("read the event logs of repository "
                + repository, connection -> {
                    try (PreparedStatement select = connection.prepareStatement(
                            "SELECT stream, cycle_id, seq, prev_sha256, sha256, line FROM planning_event"
                                    + " WHERE repository = ? ORDER BY stream, cycle_id, seq")) {
                        select.setString(1, repository);
                        select.setFetchSize(1000);
                        // Grouped by the names' exact text, not by adjacency: whatever the database's
                        // collation, each cycle's rows stay in line order within their group.
                        Map<List<String>, List<Row>> groups = new HashMap<>();
                        try (ResultSet rs = select.executeQuery()) {
                            while (rs.next()) {
                                groups.computeIfAbsent(List.of(rs.getString(1), rs.getString(2)),
                                        k -> new ArrayList<>()).add(new Row(rs.getInt(3), rs.getString(4),
                                                rs.getString(5), rs.getBytes(6)));
                            }
                        }
                        return groups;
                    }
                });
        Map<CycleRef, List<Row>> byCycle = new TreeMap<>(CYCLE_ORDER);
        byName.forEach((name, rows) -> byCycle.put(cycleOfRow(name.get(0), name.get(1)), rows));
        Map<CycleRef, List<RecordedEvent>> logs = new LinkedHashMap<>();
        byCycle.forEach((cycle, rows) -> logs.put(cycle, verify(cycle, rows)));
        return logs;
    }

    private static final Comparator<CycleRef> CYCLE_ORDER = Comparator.comparing(CycleRef::stream)
            .thenComparing(CycleRef::cycleId);

    /**
     * The cycle the rows name, or a refusal naming them: no append writes a stream or cycle id that
     * {@link CycleRef} refuses, so such rows were written around the store (the bare refusal would read as
     * a mistake in the command's arguments).
     */
    private CycleRef cycleOfRow(String stream, String cycleId) {
        try {
            return new CycleRef(stream, cycleId);
        } catch (PlanningException | IllegalArgumentException e) {
            throw new PlanningException(Printable.line("rows of planning_event in repository " + repository
                    + " name stream '" + stream + "' and cycle '" + cycleId + "', which no append writes ("
                    + e.getMessage() + "): they were changed in the database, not by this tool; `planning store"
                    + " check` reports every row that does not match its lines"));
        }
    }

    @Override
    public RecordedEvent append(CycleRef cycle, PlanningEvent event, String expectedHead) {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(expectedHead, "expectedHead");
        // Refused here, before the database is asked: no row about another cycle is written.
        CycleEntity.refuseAppendOfAnotherCycle(cycle, event, () -> location(cycle));
        byte[] line = codec.encodeAppended(event, expectedHead, () -> location(cycle));
        if (!RecordedEvent.GENESIS.equals(expectedHead)) {
            // time43: refused before the database is asked, as every store refuses it: every read refuses a log
            // whose events go back in time. The line whose SHA-256 is the expected head is the one the event would
            // follow (the append goes through only while it is the head), and its time is fixed by its hash.
            Dated last = dated(cycle, expectedHead);
            if (last != null) {
                AppendOrder.refuseDatedBefore(event, last.at(), last.line(), location(cycle));
            }
        }
        RecordedEvent recorded = appendLine(cycle, event, line, expectedHead);
        heads.put(recorded.hash(), new Dated(recorded.line(), recorded.event().timestamp()));
        return recorded;
    }

    /**
     * The line and time of the event whose line's SHA-256 is {@code head}, when it is the cycle's last: remembered from
     * this store's reads and appends (a hash fixes its line's bytes, so what is remembered never goes stale), else
     * read from the cycle's last row. {@code null} when the last row is not {@code head} (the append then finds the
     * head moved) or the cycle has no row.
     *
     * @throws EventLogCorruptedException when that row's bytes do not hash to its stored SHA-256, or are no readable
     *         event, as a read refuses them: nothing is appended after it
     */
    private Dated dated(CycleRef cycle, String head) {
        Dated known = heads.get(head);
        if (known != null) {
            return known;
        }
        Row last = transactions.inTransaction("read the head of the event log of " + cycle, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT seq, prev_sha256, sha256, line FROM planning_event"
                            + " WHERE repository = ? AND stream = ? AND cycle_id = ? ORDER BY seq DESC LIMIT 1")) {
                bind(select, cycle);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? new Row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBytes(4)) : null;
                }
            }
        });
        if (last == null || !head.equals(last.sha256)) {
            return null;
        }
        String hash = Sha256.hex(last.line);
        if (!hash.equals(last.sha256)) {
            throw corrupted(cycle, last.seq, "line " + last.seq + " was edited: expected SHA-256 " + last.sha256
                    + " (stored with it), found " + hash);
        }
        Instant at;
        try {
            at = codec.decode(last.line).event().timestamp();
        } catch (PlanningException e) {
            throw corrupted(cycle, last.seq, "line " + last.seq + " is not a readable planning event: "
                    + e.getMessage());
        }
        Dated dated = new Dated(last.seq, at);
        heads.put(head, dated);
        return dated;
    }

    /**
     * Appends lines read from elsewhere (a file log), keeping their bytes: each must decode, chain
     * to the one before and, for the first, to the cycle's current head, and the history, with the lines held,
     * must be one the lifecycle allows. Lines the cycle already
     * holds, byte for byte at the same position, are skipped, so an import can be repeated.
     *
     * @param cycle the stream and cycle
     * @param lines the lines, oldest first, each without its line break
     * @return how many lines were added
     * @throws EventLogCorruptedException when the lines do not chain, differ from lines already held, a line
     *         is an event about another cycle, or the history is one the lifecycle does not allow (as every read
     *         of the cycle folds it; naming the line; nothing is imported)
     */
    public int importLines(CycleRef cycle, List<byte[]> lines) {
        return transactions.inTransaction("import the event log of " + cycle,
                connection -> importLines(connection, cycle, lines));
    }

    /**
     * As {@link #importLines(CycleRef, List)} for several cycles in one transaction (store36): a log refused, or a
     * failure on the way, leaves every cycle as it was, so an import is whole or nothing.
     *
     * @param logs each cycle's lines, in the order they are imported
     * @return how many lines were added to each cycle, in that order
     */
    List<Integer> importAll(List<Map.Entry<CycleRef, List<byte[]>>> logs) {
        return transactions.inTransaction("import " + logs.size() + " event log(s)", connection -> {
            List<Integer> added = new ArrayList<>(logs.size());
            for (Map.Entry<CycleRef, List<byte[]>> log : logs) {
                added.add(importLines(connection, log.getKey(), log.getValue()));
            }
            return added;
        });
    }

    private int importLines(Connection connection, CycleRef cycle, List<byte[]> lines) throws SQLException {
        List<Row> held = rows(connection, cycle);
        ChainWalk walk = walk(cycle);
        CycleState state = CycleState.PLANNED;
        for (Row row : held) {
            EventLineCodec.Line decoded = walk.next(row.seq, row.prevHash, row.sha256, row.line).line();
            refuseAnotherCycle(cycle, row.seq, decoded);
            state = fits(cycle, state, row.seq, decoded, row.sha256);
        }
        int added = 0;
        String previous = held.isEmpty() ? RecordedEvent.GENESIS : held.get(held.size() - 1).sha256;
        for (int i = 0; i < lines.size(); i++) {
            byte[] line = lines.get(i);
            if (i < held.size()) {
                if (!Arrays.equals(held.get(i).line, line)) {
                    throw corrupted(cycle, i + 1, "line " + (i + 1) + " differs from the line the database"
                            + " already holds for this cycle; refusing to import a different history");
                }
                continue;
            }
            // The walk goes on past the held rows: a new line must chain to the one before it.
            String sha256 = Sha256.hex(line);
            EventLineCodec.Line decoded = walk.next(i + 1, previous, sha256, line).line();
            refuseAnotherCycle(cycle, i + 1, decoded);
            state = fits(cycle, state, i + 1, decoded, sha256);
            insert(connection, cycle, i + 1, decoded.event(), line, previous);
            previous = sha256;
            added++;
        }
        return added;
    }

    /**
     * One round trip: a single call of the server function {@code planning_append} (migration V6),
     * committed on its own, that checks the cycle's head, inserts the next line only when the head
     * is the expected one, moves the portfolio row and (when enabled) queues the outbox row. A lost
     * race is a unique violation (the position, or the event id, already held), an empty result
     * (the head moved) or, when writers of two versions race one cycle during a rolling upgrade, a
     * deadlock or serialization failure whose victim was rolled back whole: only then does the store
     * read again, to tell a repeated append (same event id, same line) from a concurrent one.
     */
    private RecordedEvent appendLine(CycleRef cycle, PlanningEvent event, byte[] line, String expectedHead) {
        String sha256 = Sha256.hex(line);
        String details = json(event.details());
        String from = event.fromState().map(Enum::name).orElse(null);
        String to = event.toState().map(Enum::name).orElse(null);
        String assigned = ProjectedState.assigned(event).map(Enum::name).orElse(null);
        Timestamp occurredAt = Timestamp.from(event.timestamp());
        for (int attempt = 1; ; attempt++) {
            Integer seq = transactions.autoCommit("append to the event log of " + cycle, connection -> {
                try (PreparedStatement append = connection.prepareStatement(APPEND)) {
                    append.setString(1, repository);
                    append.setString(2, cycle.stream());
                    append.setString(3, cycle.cycleId());
                    append.setString(4, expectedHead);
                    append.setString(5, event.id());
                    append.setString(6, event.type().name());
                    append.setString(7, from);
                    append.setString(8, to);
                    append.setTimestamp(9, occurredAt);
                    append.setString(10, sha256);
                    append.setBytes(11, line);
                    append.setString(12, details);
                    append.setString(13, assigned);
                    append.setBoolean(14, outbox);
                    try (ResultSet rs = append.executeQuery()) {
                        rs.next();
                        int inserted = rs.getInt(1);
                        return rs.wasNull() ? null : inserted;
                    }
                } catch (SQLException e) {
                    if (lostRace(e)) {
                        return null; // told apart below: a repeated append, or a concurrent one
                    }
                    throw e;
                }
            });
            if (seq != null) {
                return new RecordedEvent(seq, event, expectedHead, sha256);
            }
            Outcome outcome = transactions.inTransaction("append to the event log of " + cycle,
                    connection -> afterConflict(connection, cycle, event, line));
            if (outcome.recorded != null) {
                return outcome.recorded;
            }
            // The head still being the expected one means the competing insert was rolled back (or
            // this call was a deadlock's victim while the winner had not committed yet): try again
            // (bounded: each round lost to a writer).
            if (!outcome.head.equals(expectedHead)) {
                throw concurrent(cycle, expectedHead, outcome.head);
            }
            if (attempt == 3) {
                throw contended(cycle, expectedHead);
            }
        }
    }

    private Outcome afterConflict(Connection connection, CycleRef cycle, PlanningEvent event, byte[] line)
            throws SQLException {
        Optional<RecordedEvent> mine = recordedWithId(connection, cycle, event.id(), line);
        return mine.isPresent() ? new Outcome(mine.get(), null) : new Outcome(null, head(connection, cycle).sha256);
    }

    /**
     * Whether an append failed only because another writer of the cycle got there first: a unique
     * violation ({@code 23505}: the position or the event id already held), a deadlock ({@code 40P01})
     * or a serialization failure ({@code 40001}). The last two arise when an older client, whose
     * statement locks the event row before the portfolio row, races this one (which locks the
     * portfolio row first), or under a stricter default isolation level; PostgreSQL rolls the victim's
     * transaction back whole, so nothing of the append was written.
     */
    private static boolean lostRace(SQLException e) {
        String state = e.getSQLState();
        return UNIQUE_VIOLATION.equals(state) || DEADLOCK_DETECTED.equals(state)
                || SERIALIZATION_FAILURE.equals(state);
    }

    /** SQLSTATE of a unique violation: the primary key's position or the event id already held. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final String SERIALIZATION_FAILURE = "40001";

    /**
     * The append: one call of {@code planning_append} (db/planning/V6__append_function.sql), whose
     * statements PostgreSQL plans once per connection. Parameters: 1 repository, 2 stream, 3 cycle,
     * 4 expected head, 5 event id, 6 type, 7 from state, 8 to state, 9 time, 10 SHA-256 of the line,
     * 11 line, 12 details (JSON), 13 the state the event assigns ({@code null}: the cycle keeps its
     * own), 14 whether to queue an outbox row. Returns the new line's number, or {@code NULL} when
     * the cycle's head is not the expected one.
     */
    private static final String APPEND = "SELECT planning_append(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)";

    private void insert(Connection connection, CycleRef cycle, int seq, PlanningEvent event, byte[] line,
            String prevHash) throws SQLException {
        String sha256 = Sha256.hex(line);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO planning_event (repository, stream, cycle_id, seq, event_id, event_type, from_state,"
                        + " to_state, occurred_at, prev_sha256, sha256, line, details)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
            insert.setString(1, repository);
            insert.setString(2, cycle.stream());
            insert.setString(3, cycle.cycleId());
            insert.setInt(4, seq);
            insert.setString(5, event.id());
            insert.setString(6, event.type().name());
            insert.setString(7, event.fromState().map(Enum::name).orElse(null));
            insert.setString(8, event.toState().map(Enum::name).orElse(null));
            insert.setTimestamp(9, Timestamp.from(event.timestamp()));
            insert.setString(10, prevHash);
            insert.setString(11, sha256);
            insert.setBytes(12, line);
            insert.setString(13, json(event.details()));
            insert.executeUpdate();
        }
        CycleState before = seq == 1 ? CycleState.PLANNED : state(connection, cycle);
        CycleState after = ProjectedState.next(before, event);
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO planning_cycle (repository, stream, cycle_id, state, events, head_sha256, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (repository, stream, cycle_id) DO UPDATE"
                        + " SET state = EXCLUDED.state, events = EXCLUDED.events,"
                        + " head_sha256 = EXCLUDED.head_sha256, updated_at = EXCLUDED.updated_at")) {
            upsert.setString(1, repository);
            upsert.setString(2, cycle.stream());
            upsert.setString(3, cycle.cycleId());
            upsert.setString(4, after.name());
            upsert.setInt(5, seq);
            upsert.setString(6, sha256);
            upsert.setTimestamp(7, Timestamp.from(event.timestamp()));
            upsert.executeUpdate();
        }
        if (outbox) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO planning_outbox (repository, stream, cycle_id, seq, event_id) VALUES (?, ?, ?, ?, ?)")) {
                bind(insert, cycle);
                insert.setInt(4, seq);
                insert.setString(5, event.id());
                insert.executeUpdate();
            }
        }
    }

    private CycleState state(Connection connection, CycleRef cycle) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT state FROM planning_cycle WHERE repository = ? AND stream = ? AND cycle_id = ?")) {
            bind(select, cycle);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? CycleState.valueOf(rs.getString(1)) : CycleState.PLANNED;
            }
        }
    }

    /** The recorded event with this id, when its line is exactly {@code line}; refuses a different one. */
    private Optional<RecordedEvent> recordedWithId(Connection connection, CycleRef cycle, String eventId, byte[] line)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq, prev_sha256, sha256, line FROM planning_event"
                        + " WHERE repository = ? AND stream = ? AND cycle_id = ? AND event_id = ?")) {
            bind(select, cycle);
            select.setString(4, eventId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int seq = rs.getInt(1);
                byte[] held = rs.getBytes(4);
                if (!Arrays.equals(held, line)) {
                    throw new InvalidInputException("event id " + eventId + " is already recorded as line " + seq
                            + " of " + location(cycle) + " with different content; an event id names one event",
                            new SourceLocation(location(cycle), seq, 0));
                }
                return Optional.of(new RecordedEvent(seq, codec.decode(held).event(), rs.getString(2),
                        rs.getString(3)));
            }
        }
    }

    private Head head(Connection connection, CycleRef cycle) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq, sha256 FROM planning_event WHERE repository = ? AND stream = ? AND cycle_id = ?"
                        + " ORDER BY seq DESC LIMIT 1")) {
            bind(select, cycle);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new Head(rs.getInt(1), rs.getString(2)) : new Head(0, RecordedEvent.GENESIS);
            }
        }
    }

    private List<Row> rows(Connection connection, CycleRef cycle) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq, prev_sha256, sha256, line FROM planning_event"
                        + " WHERE repository = ? AND stream = ? AND cycle_id = ? ORDER BY seq")) {
            bind(select, cycle);
            select.setFetchSize(1000);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBytes(4)));
                }
            }
            return rows;
        }
    }

    /** The events of {@code rows}, walked as {@link ChainWalk} walks them; the first mistake is thrown. */
    private List<RecordedEvent> verify(CycleRef cycle, List<Row> rows) {
        List<RecordedEvent> events = new ArrayList<>(rows.size());
        ChainWalk walk = walk(cycle);
        for (Row row : rows) {
            EventLineCodec.Line decoded = walk.next(row.seq, row.prevHash, row.sha256, row.line).line();
            refuseAnotherCycle(cycle, row.seq, decoded);
            events.add(new RecordedEvent(row.seq, decoded.event(), decoded.prevHash(), row.sha256));
        }
        if (!events.isEmpty()) {
            RecordedEvent last = events.get(events.size() - 1);
            heads.put(last.hash(), new Dated(last.line(), last.event().timestamp()));
        }
        return events;
    }

    /**
     * Refuses a line about another cycle ({@link CycleEntity}) as the file store refuses it: rows copied or
     * renamed from another cycle's log chain as well as its own (store29).
     */
    private void refuseAnotherCycle(CycleRef cycle, int line, EventLineCodec.Line decoded) {
        if (CycleEntity.ofAnotherCycle(decoded.event(), cycle)) {
            throw corrupted(cycle, line, HistoryWalk.anotherCycle(cycle, line, decoded));
        }
    }

    /**
     * Every mistake of a cycle's log, for lint ({@link CheckedLogs}, through {@link AllLogsPostgresEventStore}): its
     * rows read and walked as {@link #read} walks them ({@link ChainWalk}: a line edited, missing, unreadable, not
     * chained, a {@code prev_sha256} column not the line's; a line about another cycle), each mistake
     * {@link EventLogLint#EVENT_CHAIN}, and the history folded as {@link HistoryFold} folds it, each event that does
     * not fit {@link EventLogLint#EVENT_HISTORY} ({@link HistoryWalk}, as {@code store check} walks them); where
     * {@link #read} refuses the log at its first mistake (errs37: lint told that one alone). The portfolio rows are not
     * judged here: {@code planning store check} judges them.
     */
    CheckedLogs.Checked checkLog(CycleRef cycle) {
        Objects.requireNonNull(cycle, "cycle");
        List<Row> rows = transactions.inTransaction("read the event log of " + cycle,
                connection -> rows(connection, cycle));
        String location = location(cycle);
        List<Finding> mistakes = new ArrayList<>();
        HistoryWalk walk = new HistoryWalk(codec, cycle, location, (line, message) -> mistakes.add(Finding.error(
                EventLogLint.EVENT_CHAIN, message, new SourceLocation(location, line, 0))), e -> mistakes.add(
                        Finding.error(EventLogLint.EVENT_HISTORY, e.getMessage(),
                                e.location().orElse(SourceLocation.ofFile(location)))));
        Optional<Instant> created = Optional.empty();
        for (Row row : rows) {
            int before = mistakes.size();
            ChainWalk.Step step = walk.next(row.seq, row.prevHash, row.sha256, row.line);
            if (row.seq == 1 && mistakes.size() == before && step.line() != null && !step.edited()) {
                created = Optional.of(step.line().event().timestamp()); // as lint of a log file takes it (kpi38)
            }
        }
        return new CheckedLogs.Checked(rows.size(), mistakes, created);
    }

    /**
     * The state after line {@code seq}, folded as the engine folds a log ({@code CycleFold}), or the line refused:
     * an imported log is whoever committed it, and a well-chained history the lifecycle does not allow
     * ({@code PLANNED -> COMPLETED}, a second {@code CYCLE_CREATED}) would stand in the portfolio and go out on the
     * outbox, while every read of the cycle refuses it (attack35).
     */
    private CycleState fits(CycleRef cycle, CycleState state, int seq, EventLineCodec.Line decoded, String sha256) {
        return CycleFold.next(location(cycle), state, new RecordedEvent(seq, decoded.event(), decoded.prevHash(),
                sha256), seq == 1);
    }

    /** A walk along one cycle's rows that throws its first mistake as {@link EventLogCorruptedException}. */
    private ChainWalk walk(CycleRef cycle) {
        return new ChainWalk(codec, (line, message) -> {
            throw corrupted(cycle, line, message);
        });
    }

    private void bind(PreparedStatement statement, CycleRef cycle) throws SQLException {
        statement.setString(1, repository);
        statement.setString(2, cycle.stream());
        statement.setString(3, cycle.cycleId());
    }

    /**
     * Three rounds lost to another writer's insert that was rolled back each time, the head still the expected one:
     * contention, not the input's mistake nor a state that moved on (exit25: it was a {@link
     * ConcurrentTransitionException}, exit 2). The store is busy with a conflict (exit 3, with the command line's
     * hint to run the same command again); nothing was written.
     */
    private static StoreBusyException contended(CycleRef cycle, String expected) {
        return new StoreBusyException("cannot append to the event log of " + cycle + ": the store is busy: this"
                + " append lost to another writer three times while the head was still the expected " + expected
                + " (the other's insert rolled back each time); nothing was written and retrying is safe",
                StoreBusyException.Reason.CONFLICT, null);
    }

    private static ConcurrentTransitionException concurrent(CycleRef cycle, String expected, String found) {
        return new ConcurrentTransitionException("cycle " + cycle
                + " changed while this transition was running: expected head " + expected
                + ", found " + found + "; re-run to see its new state");
    }

    private EventLogCorruptedException corrupted(CycleRef cycle, int line, String message) {
        return new EventLogCorruptedException(message, new SourceLocation(location(cycle), line, 0));
    }

    private static String json(Map<String, String> details) {
        try {
            return MAPPER.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Head(int seq, String sha256) {
    }

    private record Outcome(RecordedEvent recorded, String head) {
    }

    private record Row(int seq, String prevHash, String sha256, byte[] line) {
    }

    /** A log's line and when its event is dated. */
    private record Dated(int line, Instant at) {
    }
}
