package dev.planning.store.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.eventlog.EventLineCodec;
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

/**
 * The full check of one repository behind {@link PostgresStore#check()}: every row of
 * {@code planning_event} and {@code planning_cycle} read in one snapshot ({@code REPEATABLE READ},
 * read only), every cycle checked, every mistake reported (the check does not stop at the first).
 * The rows are streamed (a server-side cursor, {@value #FETCH} rows a round trip), each cycle's
 * rows walked by {@link ChainWalk} as they arrive, its portfolio row joined to them: what is held
 * is one row, one cycle's running state and the mistakes, whatever the number of cycles.
 */
final class StoreCheck {

    private static final ObjectMapper MAPPER = JsonMappers.json();
    private static final Comparator<PostgresStore.Mistake> ORDER = Comparator
            .comparing(PostgresStore.Mistake::stream).thenComparing(PostgresStore.Mistake::cycle)
            .thenComparingInt(PostgresStore.Mistake::line);

    /** Rows fetched a round trip: with auto-commit off, the driver reads through a cursor. */
    static final int FETCH = 1000;

    /**
     * Every event row in line order, each with its cycle's portfolio row (its columns {@code NULL}
     * when there is none).
     */
    private static final String EVENTS = "SELECT e.stream, e.cycle_id, e.seq, e.event_id, e.event_type,"
            + " e.from_state, e.to_state, " + Micros.of("e.occurred_at") + ", e.prev_sha256, e.sha256, e.line,"
            + " e.details::text, c.cycle_id IS NOT NULL, c.state, c.events, c.head_sha256, "
            + Micros.of("c.updated_at")
            + " FROM planning_event e LEFT JOIN planning_cycle c ON c.repository = e.repository"
            + " AND c.stream = e.stream AND c.cycle_id = e.cycle_id"
            + " WHERE e.repository = ? ORDER BY e.stream, e.cycle_id, e.seq";

    /** The portfolio rows of which the event table holds no line. */
    private static final String ORPHANS = "SELECT c.stream, c.cycle_id, c.state, c.events, c.head_sha256"
            + " FROM planning_cycle c WHERE c.repository = ? AND NOT EXISTS (SELECT 1 FROM planning_event e"
            + " WHERE e.repository = c.repository AND e.stream = c.stream AND e.cycle_id = c.cycle_id)";

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
            try (PreparedStatement select = connection.prepareStatement(EVENTS)) {
                select.setString(1, repository);
                select.setFetchSize(FETCH);
                try (ResultSet rs = select.executeQuery()) {
                    CycleCheck current = null;
                    while (rs.next()) {
                        String stream = rs.getString(1);
                        String cycle = rs.getString(2);
                        if (current == null || !current.key.stream.equals(stream) || !current.key.cycle.equals(cycle)) {
                            if (current != null) {
                                current.end();
                            }
                            current = new CycleCheck(run, new Key(stream, cycle), rs.getBoolean(13)
                                    ? new Projection(rs.getString(14), rs.getInt(15), rs.getString(16), rs.getLong(17))
                                    : null);
                        }
                        current.row(new Row(rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getString(7), rs.getLong(8), rs.getString(9), rs.getString(10), rs.getBytes(11),
                                rs.getString(12)));
                    }
                    if (current != null) {
                        current.end();
                    }
                }
            }
            orphans(connection, run);
            run.mistakes.sort(ORDER);
            return new PostgresStore.CheckResult(repository, run.cycles, run.lines, List.copyOf(run.mistakes));
        });
    }

    private void orphans(Connection connection, Run run) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ORPHANS)) {
            select.setString(1, repository);
            select.setFetchSize(FETCH);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    run.cycles++;
                    Key key = new Key(rs.getString(1), rs.getString(2));
                    int events = rs.getInt(4);
                    run.add(key, events, "its portfolio row (state " + rs.getString(3) + ", " + events
                            + " event(s), head " + rs.getString(5) + ") names a cycle of which the event table holds"
                            + " no line");
                }
            }
        }
    }

    /** One cycle's check, row by row (in line order), then its portfolio row ({@code null} when none). */
    private final class CycleCheck {
        final Run run;
        final Key key;
        final Projection projection;
        final ChainWalk walk;
        CycleState state = CycleState.PLANNED;
        Instant last;
        Row head;

        CycleCheck(Run run, Key key, Projection projection) {
            this.run = run;
            this.key = key;
            this.projection = projection;
            this.walk = new ChainWalk(codec, (line, message) -> run.add(key, line, message));
            run.cycles++;
        }

        void row(Row row) {
            if (head == null) {
                try {
                    new CycleRef(key.stream, key.cycle);
                } catch (IllegalArgumentException e) {
                    run.add(key, row.seq, "the rows do not name a cycle: " + e.getMessage());
                }
            }
            run.lines++;
            head = row;
            ChainWalk.Step step = walk.next(row.seq, row.prevHash, row.sha256, row.line);
            if (step.line() == null) {
                last = null;
                return;
            }
            PlanningEvent event = step.line().event();
            if (!step.edited()) {
                columns(run, key, row, event);
            }
            state = ProjectedState.next(state, event);
            last = event.timestamp();
        }

        void end() {
            if (projection == null) {
                run.add(key, head.seq, "the log has " + head.seq + " line(s) but no portfolio row (planning_cycle)");
                return;
            }
            if (projection.events != head.seq) {
                run.add(key, head.seq, "the portfolio row's events: expected " + head.seq + " (the last line), found "
                        + projection.events);
            }
            if (!head.sha256.equals(projection.head)) {
                run.add(key, head.seq, "the portfolio row's head_sha256: expected " + head.sha256 + " (line "
                        + head.seq + "'s), found " + projection.head);
            }
            if (walk.intact() && !state.name().equals(projection.state)) {
                run.add(key, head.seq, "the portfolio row's state: expected " + state + " (the fold of the lines),"
                        + " found " + projection.state);
            }
            if (last != null && !Micros.same(last, projection.updatedMicros)) {
                run.add(key, head.seq, "the portfolio row's updated_at: expected " + last + " (line " + head.seq
                        + "'s time), found " + Micros.instant(projection.updatedMicros));
            }
        }
    }

    /** The columns the queries read, against the line they were written from. */
    private static void columns(Run run, Key key, Row row, PlanningEvent event) {
        int n = row.seq;
        column(run, key, n, "event_id", event.id(), row.eventId);
        column(run, key, n, "event_type", event.type().name(), row.eventType);
        column(run, key, n, "from_state", event.fromState().map(Enum::name).orElse(null), row.fromState);
        column(run, key, n, "to_state", event.toState().map(Enum::name).orElse(null), row.toState);
        if (!Micros.same(event.timestamp(), row.occurredMicros)) {
            run.add(key, n, "line " + n + "'s occurred_at: expected " + event.timestamp() + " (in the line), found "
                    + Micros.instant(row.occurredMicros));
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
        ChainWalk.column((line, message) -> run.add(key, line, message), n, column, expected, found);
    }

    private final class Run {
        final List<PostgresStore.Mistake> mistakes = new ArrayList<>();
        int cycles;
        long lines;

        void add(Key key, int line, String message) {
            mistakes.add(new PostgresStore.Mistake(repository, key.stream, key.cycle, Math.max(0, line), message));
        }
    }

    private record Key(String stream, String cycle) {
    }

    private record Projection(String state, int events, String head, long updatedMicros) {
    }

    private record Row(int seq, String eventId, String eventType, String fromState, String toState,
            long occurredMicros, String prevHash, String sha256, byte[] line, String details) {
    }
}
