package dev.planning.store.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.SourceLocation;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.json.JsonMappers;
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
 * read only), every cycle checked, every mistake reported (the check does not stop at the first;
 * a cycle's first {@value ErrorList#MAX_SHOWN}, then one counting the rest, as lint lists a log's).
 * The event rows and the portfolio rows are streamed side by side (two server-side cursors,
 * {@value #FETCH} rows a round trip), each cycle's rows walked by {@link HistoryWalk} as they arrive:
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
            return new PostgresStore.CheckResult(repository, run.cycles, run.lines, List.copyOf(run.mistakes),
                    run.found);
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

    /**
     * One cycle's check, row by row (in line order), then its portfolio row ({@code null} when none).
     * Its chain and its history are walked as lint walks them ({@link HistoryWalk}): every mistake of
     * the cycle's rows, one each, the first {@value ErrorList#MAX_SHOWN} listed and then one counting
     * the rest, as lint bounds a log's (store38: the history was judged up to its first mistake, and
     * a cycle of millions of bad rows held one mistake each).
     */
    private final class CycleCheck {
        final Run run;
        final Key key;
        final Projection projection;
        final HistoryWalk walk;
        CycleState state = CycleState.PLANNED;
        /** The cycle the rows name; {@code null} when they name none (reported at the first row). */
        final CycleRef cycle;
        /** Why the rows name no cycle; {@code null} when they name one. */
        final String noCycle;
        /** The mistakes of this cycle found so far, and how many were past those listed. */
        int found;
        long unlisted;
        Instant last;
        Row head;

        CycleCheck(Run run, Key key, Projection projection) {
            this.run = run;
            this.key = key;
            this.projection = projection;
            CycleRef named = null;
            String why = null;
            try {
                named = new CycleRef(key.stream, key.cycle);
            } catch (IllegalArgumentException e) {
                why = e.getMessage();
            }
            this.cycle = named;
            this.noCycle = why;
            this.walk = new HistoryWalk(codec, cycle, "postgresql:" + repository + "/" + key.stream + "/"
                    + key.cycle, this::add, e -> add(e.location().map(SourceLocation::line).orElse(0),
                            e.getMessage()));
            run.cycles++;
        }

        /** One mistake of the cycle, listed when it is one of its first {@value ErrorList#MAX_SHOWN}. */
        void add(int line, String message) {
            if (found++ < ErrorList.MAX_SHOWN) {
                run.add(key, line, message);
            } else {
                unlisted++;
                run.found++;
            }
        }

        void row(Row row) {
            if (head == null && noCycle != null) {
                add(row.seq, "the rows do not name a cycle: " + noCycle);
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
                columns(this::add, row, event);
            }
            state = ProjectedState.next(state, event);
            last = event.timestamp();
        }

        void end() {
            portfolio();
            if (unlisted > 0) {
                run.list(key, head.seq, "and " + unlisted + " more mistake" + (unlisted == 1 ? "" : "s") + " of this"
                        + " cycle's rows, not listed; fix those above, then check again");
            }
        }

        private void portfolio() {
            if (projection == null) {
                add(head.seq, "the log has " + head.seq + " line(s) but no portfolio row (planning_cycle)");
                return;
            }
            if (projection.events != head.seq) {
                add(head.seq, "the portfolio row's events: expected " + head.seq + " (the last line), found "
                        + projection.events);
            }
            if (!head.sha256.equals(projection.head)) {
                add(head.seq, "the portfolio row's head_sha256: expected " + head.sha256 + " (line " + head.seq
                        + "'s), found " + projection.head);
            }
            if (walk.intact() && !state.name().equals(projection.state)) {
                add(head.seq, "the portfolio row's state: expected " + state + " (the fold of the lines), found "
                        + projection.state);
            }
            if (last != null && !Micros.same(last, projection.updatedMicros)) {
                add(head.seq, "the portfolio row's updated_at: expected " + last + " (line " + head.seq
                        + "'s time), found " + Micros.instant(projection.updatedMicros));
            }
        }
    }

    /** The columns the queries read, against the line they were written from. */
    private static void columns(ChainWalk.Mistakes mistakes, Row row, PlanningEvent event) {
        int n = row.seq;
        ChainWalk.column(mistakes, n, "event_id", event.id(), row.eventId);
        ChainWalk.column(mistakes, n, "event_type", event.type().name(), row.eventType);
        ChainWalk.column(mistakes, n, "from_state", event.fromState().map(Enum::name).orElse(null), row.fromState);
        ChainWalk.column(mistakes, n, "to_state", event.toState().map(Enum::name).orElse(null), row.toState);
        if (!Micros.same(event.timestamp(), row.occurredMicros)) {
            mistakes.add(n, "line " + n + "'s occurred_at: expected " + event.timestamp() + " (in the line), found "
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
            mistakes.add(n, "line " + n + "'s details: expected " + expected + " (in the line), found " + row.details);
        }
    }

    private final class Run {
        final List<PostgresStore.Mistake> mistakes = new ArrayList<>();
        int cycles;
        long lines;
        /** Every mistake found, listed or counted in a cycle's last entry. */
        long found;

        /** One mistake, listed and counted. */
        void add(Key key, int line, String message) {
            found++;
            list(key, line, message);
        }

        /** One entry of the list: a mistake, or one counting those not listed. */
        void list(Key key, int line, String message) {
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
