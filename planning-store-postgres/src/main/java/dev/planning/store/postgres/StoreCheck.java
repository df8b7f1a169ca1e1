package dev.planning.store.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.PlanningException;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.json.JsonMappers;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The full check of one repository behind {@link PostgresStore#check()}: every row of
 * {@code planning_event} and {@code planning_cycle} read in one snapshot ({@code REPEATABLE READ},
 * read only), every cycle checked, every mistake reported (the check does not stop at the first).
 * One cycle's rows are held at a time.
 */
final class StoreCheck {

    private static final ObjectMapper MAPPER = JsonMappers.json();
    private static final Comparator<PostgresStore.Mistake> ORDER = Comparator
            .comparing(PostgresStore.Mistake::stream).thenComparing(PostgresStore.Mistake::cycle)
            .thenComparingInt(PostgresStore.Mistake::line);

    private final Transactions transactions;
    private final String repository;
    private final EventLineCodec codec = new EventLineCodec();

    StoreCheck(Transactions transactions, String repository) {
        this.transactions = transactions;
        this.repository = repository;
    }

    PostgresStore.CheckResult run() {
        return transactions.inTransaction("check the store", connection -> {
            try (Statement snapshot = connection.createStatement()) {
                snapshot.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            Run run = new Run();
            Map<Key, Projection> projections = projections(connection);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT stream, cycle_id, seq, event_id, event_type, from_state, to_state,"
                            + " (extract(epoch FROM occurred_at) * 1000000)::int8, prev_sha256, sha256, line,"
                            + " details::text FROM planning_event WHERE repository = ?"
                            + " ORDER BY stream, cycle_id, seq")) {
                select.setString(1, repository);
                select.setFetchSize(1000);
                try (ResultSet rs = select.executeQuery()) {
                    Key current = null;
                    List<Row> rows = new ArrayList<>();
                    while (rs.next()) {
                        Key key = new Key(rs.getString(1), rs.getString(2));
                        if (!key.equals(current)) {
                            if (current != null) {
                                cycle(run, current, rows, projections.remove(current));
                            }
                            current = key;
                            rows = new ArrayList<>();
                        }
                        rows.add(new Row(rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getString(7), rs.getLong(8), rs.getString(9), rs.getString(10), rs.getBytes(11),
                                rs.getString(12)));
                    }
                    if (current != null) {
                        cycle(run, current, rows, projections.remove(current));
                    }
                }
            }
            for (Map.Entry<Key, Projection> orphan : projections.entrySet()) {
                run.cycles++;
                Projection p = orphan.getValue();
                run.add(orphan.getKey(), p.events, "its portfolio row (state " + p.state + ", " + p.events
                        + " event(s), head " + p.head + ") names a cycle of which the event table holds no line");
            }
            run.mistakes.sort(ORDER);
            return new PostgresStore.CheckResult(repository, run.cycles, run.lines, List.copyOf(run.mistakes));
        });
    }

    private Map<Key, Projection> projections(Connection connection) throws SQLException {
        Map<Key, Projection> projections = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT stream, cycle_id, state, events, head_sha256,"
                        + " (extract(epoch FROM updated_at) * 1000000)::int8 FROM planning_cycle WHERE repository = ?")) {
            select.setString(1, repository);
            select.setFetchSize(1000);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    projections.put(new Key(rs.getString(1), rs.getString(2)),
                            new Projection(rs.getString(3), rs.getInt(4), rs.getString(5), rs.getLong(6)));
                }
            }
        }
        return projections;
    }

    /** Checks one cycle's rows (ordered by line number) and its portfolio row ({@code null} when none). */
    private void cycle(Run run, Key key, List<Row> rows, Projection projection) {
        run.cycles++;
        run.lines += rows.size();
        try {
            new CycleRef(key.stream, key.cycle);
        } catch (IllegalArgumentException e) {
            run.add(key, rows.get(0).seq, "the rows do not name a cycle: " + e.getMessage());
        }
        String previous = RecordedEvent.GENESIS;
        CycleState state = CycleState.PLANNED;
        boolean folded = true;
        Instant last = null;
        int expected = 1;
        for (Row row : rows) {
            int n = row.seq;
            boolean gap = n != expected;
            if (gap) {
                run.add(key, expected, "line " + expected + " is missing: expected line " + expected
                        + ", found line " + n + " next");
                folded = false;
            }
            expected = n + 1;
            String hash = Sha256.hex(row.line);
            if (!hash.equals(row.sha256)) {
                run.add(key, n, "line " + n + " was edited: expected SHA-256 " + row.sha256
                        + " (stored with it), found " + hash);
            }
            String from = n == 1 ? "the genesis value" : "line " + (n - 1);
            if (!gap && !previous.equals(row.prevHash)) {
                run.add(key, n, "line " + n + "'s row does not chain to " + from + ": expected prev_sha256 "
                        + previous + ", found " + row.prevHash);
            }
            previous = row.sha256;
            EventLineCodec.Line decoded;
            try {
                decoded = codec.decode(row.line);
            } catch (PlanningException e) {
                run.add(key, n, "line " + n + " is not a readable planning event: " + e.getMessage());
                folded = false;
                last = null;
                continue;
            }
            if (!decoded.prevHash().equals(row.prevHash)) {
                run.add(key, n, "line " + n + " does not chain to " + from + ": expected prev_sha256 "
                        + row.prevHash + " (stored in its row), found " + decoded.prevHash() + " in the line");
            }
            columns(run, key, row, decoded.event());
            state = ProjectedState.next(state, decoded.event());
            last = decoded.event().timestamp();
        }
        Row head = rows.get(rows.size() - 1);
        if (projection == null) {
            run.add(key, head.seq, "the log has " + head.seq + " line(s) but no portfolio row (planning_cycle)");
            return;
        }
        if (projection.events != head.seq) {
            run.add(key, head.seq, "the portfolio row's events: expected " + head.seq + " (the last line), found "
                    + projection.events);
        }
        if (!head.sha256.equals(projection.head)) {
            run.add(key, head.seq, "the portfolio row's head_sha256: expected " + head.sha256 + " (line " + head.seq
                    + "'s), found " + projection.head);
        }
        if (folded && !state.name().equals(projection.state)) {
            run.add(key, head.seq, "the portfolio row's state: expected " + state + " (the fold of the lines), found "
                    + projection.state);
        }
        if (last != null && !sameMicros(last, projection.updatedMicros)) {
            run.add(key, head.seq, "the portfolio row's updated_at: expected " + last + " (line " + head.seq
                    + "'s time), found " + instant(projection.updatedMicros));
        }
    }

    /** The columns the queries read, against the line they were written from. */
    private static void columns(Run run, Key key, Row row, PlanningEvent event) {
        int n = row.seq;
        column(run, key, n, "event_id", event.id(), row.eventId);
        column(run, key, n, "event_type", event.type().name(), row.eventType);
        column(run, key, n, "from_state", event.fromState().map(Enum::name).orElse(null), row.fromState);
        column(run, key, n, "to_state", event.toState().map(Enum::name).orElse(null), row.toState);
        if (!sameMicros(event.timestamp(), row.occurredMicros)) {
            run.add(key, n, "line " + n + "'s occurred_at: expected " + event.timestamp() + " (in the line), found "
                    + instant(row.occurredMicros));
        }
        JsonNode details;
        try {
            details = MAPPER.readTree(row.details);
        } catch (IOException e) {
            details = null;
        }
        JsonNode expected = MAPPER.valueToTree(event.details());
        if (!expected.equals(details)) {
            run.add(key, n, "line " + n + "'s details: expected " + expected + " (in the line), found " + row.details);
        }
    }

    private static void column(Run run, Key key, int n, String column, String expected, String found) {
        if (!Objects.equals(expected, found)) {
            run.add(key, n, "line " + n + "'s " + column + ": expected " + show(expected) + " (in the line), found "
                    + show(found));
        }
    }

    private static String show(String value) {
        return value == null ? "NULL" : "'" + value + "'";
    }

    /** Whether {@code micros} is {@code instant} as a {@code timestamptz} holds it (to the microsecond). */
    private static boolean sameMicros(Instant instant, long micros) {
        long nanos = Math.floorMod(instant.getNano(), 1000);
        long truncated = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                instant.getNano() / 1000);
        return micros == truncated || nanos >= 500 && micros == truncated + 1;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    private final class Run {
        final List<PostgresStore.Mistake> mistakes = new ArrayList<>();
        int cycles;
        long lines;

        void add(Key key, int line, String message) {
            mistakes.add(new PostgresStore.Mistake(repository, key.stream, key.cycle, Math.max(0, line), message));
        }
    }

    private record Key(String stream, String cycle) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = stream.compareTo(o.stream);
            return c != 0 ? c : cycle.compareTo(o.cycle);
        }
    }

    private record Projection(String state, int events, String head, long updatedMicros) {
    }

    private record Row(int seq, String eventId, String eventType, String fromState, String toState,
            long occurredMicros, String prevHash, String sha256, byte[] line, String details) {
    }
}
