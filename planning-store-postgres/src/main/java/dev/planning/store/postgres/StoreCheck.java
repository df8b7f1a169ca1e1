package dev.planning.store.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.Printable;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.eventlog.CycleEntity;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.lifecycle.CycleFold;
import java.io.IOException;
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
 * The event rows and the portfolio rows are streamed side by side (two server-side cursors,
 * {@value #FETCH} rows a round trip), each cycle's rows walked by {@link ChainWalk} as they arrive:
 * what is held is one row of each, one cycle's running state and the mistakes, whatever the number
 * of cycles.
 */
final class StoreCheck {

    private static final ObjectMapper MAPPER = JsonMappers.json();
    private static final Comparator<PostgresStore.Mistake> ORDER = Comparator
            .comparing(PostgresStore.Mistake::stream).thenComparing(PostgresStore.Mistake::cycle)
            .thenComparingInt(PostgresStore.Mistake::line);

    /** Rows fetched a round trip: with auto-commit off, the driver reads through a cursor. */
    static final int FETCH = 1000;

    /** Every event row, in line order (the primary key's). */
    private static final String EVENTS = "SELECT stream, cycle_id, seq, event_id, event_type, from_state, to_state, "
            + Micros.of("occurred_at") + ", prev_sha256, sha256, line, details::text FROM planning_event"
            + " WHERE repository = ? ORDER BY stream, cycle_id, seq";

    /**
     * Every portfolio row in the same order of cycles, and whether the event table holds a line of
     * its cycle (one probe of the event table's primary key each).
     */
    private static final String PORTFOLIO = "SELECT c.stream, c.cycle_id, c.state, c.events, c.head_sha256, "
            + Micros.of("c.updated_at") + ", (SELECT e.seq FROM planning_event e WHERE e.repository = c.repository"
            + " AND e.stream = c.stream AND e.cycle_id = c.cycle_id ORDER BY e.seq LIMIT 1) IS NOT NULL"
            + " FROM planning_cycle c WHERE c.repository = ? ORDER BY c.stream, c.cycle_id";

    private final Transactions transactions;
    private final String repository;
    private final EventLineCodec codec = new EventLineCodec();

    StoreCheck(Transactions transactions, String repository) {
        this.transactions = transactions;
        this.repository = repository;
    }

    /**
     * Both cursors are read side by side in one pass. The cycles with lines come in the same order
     * from both (the same columns ordered the same way), so a cycle's portfolio row is the next one
     * with lines, or it has none: no comparison of names in Java, whose order may not be the
     * database's collation.
     */
    PostgresStore.CheckResult run() {
        return transactions.inTransaction("check the store", connection -> {
            try (Statement snapshot = connection.createStatement()) {
                snapshot.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            Run run = new Run();
            try (PreparedStatement events = connection.prepareStatement(EVENTS);
                    PreparedStatement portfolio = connection.prepareStatement(PORTFOLIO)) {
                events.setString(1, repository);
                events.setFetchSize(FETCH);
                portfolio.setString(1, repository);
                portfolio.setFetchSize(FETCH);
                try (ResultSet rs = events.executeQuery(); ResultSet cycles = portfolio.executeQuery()) {
                    PortfolioRows rows = new PortfolioRows(cycles, run);
                    CycleCheck current = null;
                    while (rs.next()) {
                        String stream = rs.getString(1);
                        String cycle = rs.getString(2);
                        if (current == null || !current.key.stream.equals(stream) || !current.key.cycle.equals(cycle)) {
                            if (current != null) {
                                current.end();
                            }
                            Key key = new Key(stream, cycle);
                            current = new CycleCheck(run, key, rows.of(key));
                        }
                        current.row(new Row(rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getString(7), rs.getLong(8), rs.getString(9), rs.getString(10), rs.getBytes(11),
                                rs.getString(12)));
                    }
                    if (current != null) {
                        current.end();
                    }
                    rows.rest();
                }
            }
            run.mistakes.sort(ORDER);
            return new PostgresStore.CheckResult(repository, run.cycles, run.lines, List.copyOf(run.mistakes));
        });
    }

    /**
     * The portfolio rows, read as the event rows' cycles come: a row whose cycle has no line is
     * reported as it is passed.
     */
    private final class PortfolioRows {
        private final ResultSet rs;
        private final Run run;
        private Key nextKey;
        private Projection next;
        private boolean done;

        PortfolioRows(ResultSet rs, Run run) {
            this.rs = rs;
            this.run = run;
        }

        /** The portfolio row of {@code key}, the next cycle with lines; {@code null} when it has none. */
        Projection of(Key key) throws SQLException {
            advance();
            if (next != null && nextKey.equals(key)) {
                Projection found = next;
                next = null;
                return found;
            }
            return null;
        }

        /** After the last line: the rows left, each a cycle with no line. */
        void rest() throws SQLException {
            advance();
            if (next != null) {
                // Its cycle has lines, yet no cycle of the event rows was its: the two orders differ.
                throw new IllegalStateException("store check: the portfolio row of " + nextKey.stream + "/"
                        + nextKey.cycle + " was not met among the event rows' cycles");
            }
        }

        /** Moves to the next portfolio row of a cycle with lines, reporting those without on the way. */
        private void advance() throws SQLException {
            while (next == null && !done) {
                if (!rs.next()) {
                    done = true;
                    return;
                }
                Key key = new Key(rs.getString(1), rs.getString(2));
                Projection projection = new Projection(rs.getString(3), rs.getInt(4), rs.getString(5), rs.getLong(6));
                if (rs.getBoolean(7)) {
                    nextKey = key;
                    next = projection;
                } else {
                    run.cycles++;
                    run.add(key, projection.events, "its portfolio row (state " + projection.state + ", "
                            + projection.events + " event(s), head " + projection.head + ") names a cycle of which"
                            + " the event table holds no line");
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
        /**
         * The state by the engine's strict fold ({@link CycleFold}), as every read of the cycle folds it; {@code null}
         * once it cannot be judged further (a line edited, missing or unreadable, or one the fold refused, reported).
         */
        CycleState folded = CycleState.PLANNED;
        /** The cycle the rows name; {@code null} when they name none (reported at the first row). */
        CycleRef cycle;
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
                    cycle = new CycleRef(key.stream, key.cycle);
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
                if (cycle != null && CycleEntity.ofAnotherCycle(event, cycle)) {
                    // As the read path refuses it (store29), each such row a mistake of its own (tidy30).
                    run.add(key, row.seq, "line " + row.seq + " is an event of "
                            + Printable.cut(event.entityId(), Printable.VALUE_CHARACTERS) + ", not of " + cycle
                            + ": this log holds another cycle's history (copied or renamed from its rows or log)");
                }
            }
            fold(row, step);
            state = ProjectedState.next(state, event);
            last = event.timestamp();
        }

        /**
         * One step of the strict fold: a history the lifecycle does not allow ({@code PLANNED -> COMPLETED}, a
         * second {@code CYCLE_CREATED}, anything after {@code COMPLETED}) is one mistake, at its first line that
         * does not fit, as {@code status} refuses it; the portfolio row is judged by the projection the appends
         * write (attack35: such a history, imported or appended around the engine, checked clean).
         */
        void fold(Row row, ChainWalk.Step step) {
            if (step.edited() || !walk.intact()) {
                folded = null;
            }
            if (folded == null) {
                return;
            }
            try {
                folded = CycleFold.next("postgresql:" + repository + "/" + key.stream + "/" + key.cycle, folded,
                        new RecordedEvent(row.seq, step.line().event(), step.line().prevHash(), row.sha256),
                        row.seq == 1);
            } catch (EventLogCorruptedException e) {
                run.add(key, row.seq, e.getMessage());
                folded = null;
            }
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
