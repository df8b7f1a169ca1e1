package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresStore#check()} reports each edit of the rows made with SQL after they were
 * committed (the edits of pgrows' tamper cases), every one, one mistake per line naming the
 * repository, stream, cycle and line; a store nobody edited checks clean (real PostgreSQL server,
 * started by the tests).
 */
@Tag("slow")
@Tag("servers")
class StoreCheckTest {

    /** Created, moved to PACKAGED, sealed (one waiver), a waiver granted, PM claims a signature: 6 lines. */
    private static final CycleRef SEALED = new CycleRef("fe", "sealed");
    /** Created, moved to READY_FOR_HANDOFF, a refused move to PACKAGED: 3 lines. */
    private static final CycleRef REFUSED = new CycleRef("be", "refused");
    private static final Instant REFUSED_AT = Instant.parse("2025-09-03T09:00:00Z");

    private PostgresStore store;
    private String at;

    @BeforeEach
    void writeHistory() {
        store = TestServers.store(false);
        at = "postgresql:" + store.eventStore().repository() + "/";
        String head = append(SEALED, Events.created(SEALED), RecordedEvent.GENESIS);
        head = append(SEALED, Events.moved(SEALED, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head);
        head = append(SEALED, Events.moved(SEALED, CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED), head);
        head = append(SEALED, Events.fact(SEALED, EventType.MANIFEST_SEALED, Map.of("manifest_sha256", "x",
                "waivers", "1", "waiver.1.rule", "missing-owner", "waiver.1.item", "FE-4",
                "waiver.1.expires", "2025-09-06")), head);
        head = append(SEALED, Events.fact(SEALED, EventType.WAIVER_GRANTED, Map.of("rule", "critical-zero",
                "item", "FE-1", "expires", "2025-09-05")), head);
        append(SEALED, Events.fact(SEALED, EventType.SIGNATURE_ADDED, Map.of("role", "PM")), head);
        head = append(REFUSED, Events.created(REFUSED), RecordedEvent.GENESIS);
        head = append(REFUSED, Events.moved(REFUSED, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head);
        append(REFUSED, Events.refused(REFUSED, CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, REFUSED_AT), head);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aStoreNobodyEditedChecksClean() {
        PostgresStore.CheckResult result = store.check();

        assertThat(result.mistakes()).isEmpty();
        assertThat(result.ok()).isTrue();
        assertThat(result.cycles()).isEqualTo(2);
        assertThat(result.lines()).isEqualTo(9);
    }

    @Test
    void anEditedStateOrTimeInThePortfolioRowIsReportedForEachCycle() throws SQLException {
        sql("UPDATE planning_cycle SET state = 'COMPLETED', updated_at = '2030-01-01T00:00:00Z' WHERE repository = ?");

        assertThat(reported()).containsExactly(
                at + "be/refused:3: the portfolio row's state: expected READY_FOR_HANDOFF (the fold of the lines),"
                        + " found COMPLETED",
                at + "be/refused:3: the portfolio row's updated_at: expected " + REFUSED_AT + " (line 3's time),"
                        + " found 2030-01-01T00:00:00Z",
                at + "fe/sealed:6: the portfolio row's state: expected PACKAGED (the fold of the lines),"
                        + " found COMPLETED",
                at + "fe/sealed:6: the portfolio row's updated_at: expected " + Events.T0.plusSeconds(120)
                        + " (line 6's time), found 2030-01-01T00:00:00Z");
    }

    @Test
    void aPortfolioRowNamingAnotherHeadIsReported() throws SQLException {
        sql("UPDATE planning_cycle SET events = 2, head_sha256 = (SELECT sha256 FROM planning_event e"
                + " WHERE e.repository = planning_cycle.repository AND e.stream = planning_cycle.stream"
                + " AND e.cycle_id = planning_cycle.cycle_id AND e.seq = 2) WHERE repository = ? AND cycle_id = 'refused'");

        assertThat(reported()).hasSize(2).allMatch(m -> m.startsWith(at + "be/refused:3: the portfolio row's"))
                .anyMatch(m -> m.contains("events: expected 3 (the last line), found 2"))
                .anyMatch(m -> m.contains("head_sha256: expected"));
    }

    /**
     * time41: the tool dates no event before the event before it, and a chain is a hash anyone can compute: rows
     * whose chain holds but whose time goes backwards are one mistake at each such line, naming both times and what
     * was expected; the store's read refuses them at the first. Equal times are fine.
     */
    @Test
    void eachLineDatedBeforeTheLineBeforeItIsOneMistakeAndTheReadRefusesTheFirst() {
        CycleRef backwards = new CycleRef("be", "backwards");
        append(backwards, Events.created(backwards), RecordedEvent.GENESIS);
        // Rows written by hand: the store refuses to append an event dated before the log's last (time43).
        for (long back : new long[] {3600, 3600, 7200}) {
            RepositoryRows.insert(store.dataSource(), store.eventStore().repository(), backwards, Events.refused(
                    backwards, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF, Events.T0.minusSeconds(back)));
        }

        assertThat(reported()).containsExactly(
                at + "be/backwards:2: line 2 is dated " + Events.T0.minusSeconds(3600) + ", before line 1, dated "
                        + Events.T0 + ": the tool dates no event before the event before it, so the line was written"
                        + " or edited by hand (its hash chain proves nothing of who wrote it); expected a timestamp no"
                        + " earlier than " + Events.T0,
                at + "be/backwards:4: line 4 is dated " + Events.T0.minusSeconds(7200) + ", before line 3, dated "
                        + Events.T0.minusSeconds(3600) + ": the tool dates no event before the event before it, so the"
                        + " line was written or edited by hand (its hash chain proves nothing of who wrote it);"
                        + " expected a timestamp no earlier than " + Events.T0.minusSeconds(3600));
        assertThatThrownBy(() -> store.eventStore().read(backwards)).isInstanceOf(EventLogCorruptedException.class)
                .hasMessageStartingWith("line 2 is dated " + Events.T0.minusSeconds(3600));
    }

    @Test
    void anEditedLineIsReported() throws SQLException {
        sql("UPDATE planning_event SET line = line || '\\x20'::bytea WHERE repository = ? AND cycle_id = 'refused'"
                + " AND seq = 3");

        assertThat(reported()).singleElement().asString().startsWith(at + "be/refused:3: line 3 was edited:"
                + " expected SHA-256 ");
    }

    @Test
    void aLineWhoseRowHashWasRewrittenToMatchBreaksTheChainOfTheNextRow() throws SQLException {
        String old = sha(REFUSED, 2);
        sql("UPDATE planning_event SET line = line || '\\x20'::bytea WHERE repository = ? AND cycle_id = 'refused'"
                + " AND seq = 2");
        sql("UPDATE planning_event SET sha256 = encode(sha256(line), 'hex') WHERE repository = ?"
                + " AND cycle_id = 'refused' AND seq = 2");

        assertThat(reported()).singleElement().asString().startsWith(at + "be/refused:3: line 3 does not chain"
                + " to line 2: expected prev_sha256 ").endsWith(" (the SHA-256 of line 2), found " + old + " in the line");
    }

    @Test
    void aRewrittenStoredHashIsOneMistakeNotAlsoABrokenLinkOfTheNextLine() throws SQLException {
        String line2 = sha(REFUSED, 2);
        sql("UPDATE planning_event SET sha256 = repeat('c', 64) WHERE repository = ? AND cycle_id = 'refused'"
                + " AND seq = 2");

        assertThat(reported()).containsExactly(at + "be/refused:2: line 2 was edited: expected SHA-256 "
                + "c".repeat(64) + " (stored with it), found " + line2);
    }

    @Test
    void anEditOfTheHashALineCarriesIsOneMistake() throws SQLException {
        String line1 = sha(REFUSED, 1);
        sql("UPDATE planning_event SET line = convert_to(replace(convert_from(line, 'UTF8'), '" + line1 + "', '"
                + "d".repeat(64) + "'), 'UTF8') WHERE repository = ? AND cycle_id = 'refused' AND seq = 2");

        assertThat(reported()).singleElement().asString().startsWith(at + "be/refused:2: line 2 was edited:");
    }

    @Test
    void anEditedLineIsNotAlsoComparedWithItsColumns() throws SQLException {
        sql("UPDATE planning_event SET line = convert_to(replace(convert_from(line, 'UTF8'), '\"PM\"', '\"QA\"'),"
                + " 'UTF8') WHERE repository = ? AND cycle_id = 'sealed' AND seq = 6");

        assertThat(reported()).singleElement().asString().startsWith(at + "fe/sealed:6: line 6 was edited:");
    }

    @Test
    void anEditedLineThatNoLongerDecodesIsOneMistake() throws SQLException {
        sql("UPDATE planning_event SET line = convert_to('not an event', 'UTF8') WHERE repository = ?"
                + " AND cycle_id = 'refused' AND seq = 2");

        assertThat(reported()).singleElement().asString().startsWith(at + "be/refused:2: line 2 was edited:");
    }

    @Test
    void aRowWhosePreviousHashWasRewrittenIsOneMistake() throws SQLException {
        String line1 = sha(REFUSED, 1);
        sql("UPDATE planning_event SET prev_sha256 = repeat('a', 64) WHERE repository = ? AND cycle_id = 'refused'"
                + " AND seq = 2");

        assertThat(reported()).containsExactly(at + "be/refused:2: line 2's prev_sha256: expected '" + line1
                + "' (in the line), found '" + "a".repeat(64) + "'");
    }

    @Test
    void twoRowsWhosePreviousHashesWereRewrittenAreTwoMistakes() throws SQLException {
        String refused1 = sha(REFUSED, 1);
        String sealed4 = sha(SEALED, 4);
        sql("UPDATE planning_event SET prev_sha256 = repeat('a', 64) WHERE repository = ? AND cycle_id = 'refused'"
                + " AND seq = 2");
        sql("UPDATE planning_event SET prev_sha256 = repeat('b', 64) WHERE repository = ? AND cycle_id = 'sealed'"
                + " AND seq = 5");

        assertThat(reported()).containsExactly(
                at + "be/refused:2: line 2's prev_sha256: expected '" + refused1 + "' (in the line), found '"
                        + "a".repeat(64) + "'",
                at + "fe/sealed:5: line 5's prev_sha256: expected '" + sealed4 + "' (in the line), found '"
                        + "b".repeat(64) + "'");
    }

    @Test
    void aFirstLineThatDoesNotStartTheChainIsReported() throws SQLException {
        // Line 1 rewritten to chain to something, its stored hash to match: its link and line 2's break.
        String line1 = sha(REFUSED, 1);
        sql("UPDATE planning_event SET line = convert_to(replace(convert_from(line, 'UTF8'), '"
                + RecordedEvent.GENESIS + "', '" + "e".repeat(64) + "'), 'UTF8'), prev_sha256 = repeat('e', 64)"
                + " WHERE repository = ? AND cycle_id = 'refused' AND seq = 1");
        sql("UPDATE planning_event SET sha256 = encode(sha256(line), 'hex') WHERE repository = ?"
                + " AND cycle_id = 'refused' AND seq = 1");

        assertThat(reported()).containsExactly(
                at + "be/refused:1: line 1 does not start the chain: expected prev_sha256 " + RecordedEvent.GENESIS
                        + " (the genesis value), found " + "e".repeat(64) + " in the line",
                at + "be/refused:2: line 2 does not chain to line 1: expected prev_sha256 " + shaAfterEdit()
                        + " (the SHA-256 of line 1), found " + line1 + " in the line");
    }

    /** store38: the history was judged up to its first mistake; lint's fold takes up again after it. */
    @Test
    void everyMistakeOfACyclesHistoryIsReportedNotTheFirstAlone() {
        CycleRef twice = new CycleRef("qa", "twice");
        String head = append(twice, Events.created(twice), RecordedEvent.GENESIS);
        head = append(twice, Events.moved(twice, CycleState.PLANNED, CycleState.COMPLETED), head);
        head = append(twice, Events.moved(twice, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head);
        // Dated as the line before: a line dated before it is a mistake of its own (time41).
        append(twice, Events.created(twice, Events.T0.plusSeconds(60)), head);

        List<String> reported = reported();
        assertThat(reported).hasSize(2);
        assertThat(reported.get(0)).startsWith(at + "qa/twice:2: ").contains("line 2 does not fit the cycle's"
                + " history: STATE_TRANSITION PLANNED -> COMPLETED is not a transition the lifecycle allows");
        assertThat(reported.get(1)).startsWith(at + "qa/twice:4: ").contains("line 4 does not fit the cycle's"
                + " history: CYCLE_CREATED may only be the first event");
    }

    /**
     * store38: a line forged in the middle, its stored hash rewritten to match, is its own mistakes and one broken link
     * at the next line, no more; the history after the break is judged still (it was not judged at all).
     */
    @Test
    void aForgedMiddleLineBreaksOneLinkAndTheHistoryAfterItIsStillJudged() throws SQLException {
        append(REFUSED, Events.created(REFUSED, REFUSED_AT), sha(REFUSED, 3));
        String old = sha(REFUSED, 2);
        sql("UPDATE planning_event SET line = convert_to(replace(convert_from(line, 'UTF8'), 'READY_FOR_HANDOFF',"
                + " 'COMPLETED'), 'UTF8') WHERE repository = ? AND cycle_id = 'refused' AND seq = 2");
        sql("UPDATE planning_event SET sha256 = encode(sha256(line), 'hex') WHERE repository = ?"
                + " AND cycle_id = 'refused' AND seq = 2");

        List<String> reported = reported();
        assertThat(reported).filteredOn(m -> m.contains("does not chain")).singleElement().asString()
                .startsWith(at + "be/refused:3: line 3 does not chain to line 2").endsWith(", found " + old
                        + " in the line");
        assertThat(reported).filteredOn(m -> m.contains("does not fit the cycle's history")).satisfiesExactly(
                m -> assertThat(m).startsWith(at + "be/refused:2: ").contains("PLANNED -> COMPLETED is not a"
                        + " transition the lifecycle allows"),
                m -> assertThat(m).startsWith(at + "be/refused:4: ").contains("CYCLE_CREATED may only be the first"
                        + " event"));
    }

    /**
     * store38: as lint bounds a log's findings, a cycle's mistakes past the first 50 are one counting them;
     * misc38: the total found counts them all, not the entries.
     */
    @Test
    void aCyclesMistakesPastTheFirstFiftyAreCountedInOne() {
        CycleRef many = new CycleRef("qa", "many");
        String head = append(many, Events.created(many), RecordedEvent.GENESIS);
        for (int i = 0; i < 55; i++) {
            head = append(many, Events.created(many), head);
        }

        List<String> reported = reported();
        assertThat(reported).hasSize(51);
        assertThat(reported.get(49)).startsWith(at + "qa/many:51: ").contains("on line 51 does not fit the cycle's"
                + " history: CYCLE_CREATED may only be the first event");
        assertThat(reported.get(50)).isEqualTo(at + "qa/many:56: and 5 more mistakes of this cycle's rows, not"
                + " listed; fix those above, then check again");
        assertThat(store.check().found()).as("the mistakes found, not the entries listed").isEqualTo(55);
    }

    @Test
    void aCheckReadsPastOneFetchOfRows() {
        CycleRef many = new CycleRef("qa", "many");
        String head = append(many, Events.created(many), RecordedEvent.GENESIS);
        for (int i = 0; i < StoreCheck.FETCH; i++) {
            head = append(many, Events.moved(many, CycleState.PLANNED, CycleState.PLANNED), head);
        }

        PostgresStore.CheckResult result = store.check();
        assertThat(result.mistakes()).isEmpty();
        assertThat(result.lines()).isEqualTo(9 + StoreCheck.FETCH + 1);
    }

    @Test
    void aSealOrSignatureRetypedOrEmptiedIsReported() throws SQLException {
        sql("UPDATE planning_event SET event_type = 'GATE_EVALUATED', details = '{}' WHERE repository = ?"
                + " AND event_type IN ('MANIFEST_SEALED', 'SIGNATURE_ADDED')");

        List<String> reported = reported();
        assertThat(reported).hasSize(4);
        assertThat(reported.get(0)).isEqualTo(at + "fe/sealed:4: line 4's event_type: expected 'MANIFEST_SEALED'"
                + " (in the line), found 'GATE_EVALUATED'");
        assertThat(reported.get(1)).startsWith(at + "fe/sealed:4: line 4's details: expected {").endsWith(
                "(in the line), found {}");
        assertThat(reported.get(2)).isEqualTo(at + "fe/sealed:6: line 6's event_type: expected 'SIGNATURE_ADDED'"
                + " (in the line), found 'GATE_EVALUATED'");
        assertThat(reported.get(3)).isEqualTo(at + "fe/sealed:6: line 6's details: expected {\"role\":\"PM\"}"
                + " (in the line), found {}");
    }

    @Test
    void aWaiverMadeToLookUnexpiredIsReported() throws SQLException {
        sql("UPDATE planning_event SET details = jsonb_set(details, '{expires}', '\"2099-01-01\"')"
                + " WHERE repository = ? AND event_type = 'WAIVER_GRANTED'");

        assertThat(reported()).singleElement().asString().startsWith(at + "fe/sealed:5: line 5's details: expected {")
                .contains("\"expires\":\"2025-09-05\"").contains("found {").contains("\"expires\": \"2099-01-01\"");
    }

    @Test
    void aRefusalRetypedMovedInTimeOrGivenOtherStatesIsReported() throws SQLException {
        sql("UPDATE planning_event SET event_type = 'STATE_TRANSITION', occurred_at = '2000-01-01T00:00:00Z',"
                + " from_state = 'PLANNED', to_state = NULL WHERE repository = ? AND event_type = 'TRANSITION_REFUSED'");

        assertThat(reported()).containsExactly(
                at + "be/refused:3: line 3's event_type: expected 'TRANSITION_REFUSED' (in the line),"
                        + " found 'STATE_TRANSITION'",
                at + "be/refused:3: line 3's from_state: expected 'READY_FOR_HANDOFF' (in the line), found 'PLANNED'",
                at + "be/refused:3: line 3's to_state: expected 'PACKAGED' (in the line), found NULL",
                at + "be/refused:3: line 3's occurred_at: expected " + REFUSED_AT + " (in the line),"
                        + " found 2000-01-01T00:00:00Z");
    }

    @Test
    void aLoggedCycleWithoutItsPortfolioRowIsReported() throws SQLException {
        sql("DELETE FROM planning_cycle WHERE repository = ? AND cycle_id = 'sealed'");

        assertThat(reported()).containsExactly(
                at + "fe/sealed:6: the log has 6 line(s) but no portfolio row (planning_cycle)");
    }

    @Test
    void aPortfolioRowWithNoLinesIsReported() throws SQLException {
        sql("INSERT INTO planning_cycle (repository, stream, cycle_id, state, events, head_sha256, updated_at)"
                + " VALUES (?, 'qa', 'ghost', 'COMPLETED', 4, repeat('b', 64), now())");

        PostgresStore.CheckResult result = store.check();
        assertThat(result.cycles()).isEqualTo(3);
        assertThat(result.mistakes()).extracting(Object::toString).containsExactly(at + "qa/ghost:4: its portfolio"
                + " row (state COMPLETED, 4 event(s), head " + "b".repeat(64) + ") names a cycle of which the event"
                + " table holds no line");
    }

    @Test
    void portfolioRowsAndLogsAreMatchedWhereverAMissingOneFallsInTheOrder() throws SQLException {
        sql("DELETE FROM planning_cycle WHERE repository = ? AND cycle_id = 'refused'");
        sql("INSERT INTO planning_cycle (repository, stream, cycle_id, state, events, head_sha256, updated_at)"
                + " VALUES (?, 'aa', 'first', 'PLANNED', 1, repeat('b', 64), now())");
        sql("INSERT INTO planning_cycle (repository, stream, cycle_id, state, events, head_sha256, updated_at)"
                + " VALUES (?, 'ca', 'between', 'PLANNED', 2, repeat('c', 64), now())");

        PostgresStore.CheckResult result = store.check();
        assertThat(result.cycles()).isEqualTo(4);
        assertThat(result.mistakes()).extracting(Object::toString).containsExactly(
                at + "aa/first:1: its portfolio row (state PLANNED, 1 event(s), head " + "b".repeat(64) + ") names a"
                        + " cycle of which the event table holds no line",
                at + "be/refused:3: the log has 3 line(s) but no portfolio row (planning_cycle)",
                at + "ca/between:2: its portfolio row (state PLANNED, 2 event(s), head " + "c".repeat(64) + ")"
                        + " names a cycle of which the event table holds no line");
    }

    @Test
    void aDeletedLineIsReportedOnce() throws SQLException {
        sql("DELETE FROM planning_event WHERE repository = ? AND cycle_id = 'refused' AND seq = 2");

        assertThat(reported()).containsExactly(
                at + "be/refused:2: line 2 is missing: expected line 2, found line 3 next");
    }

    @Test
    void aLineThatIsNoEventIsReported() throws SQLException {
        sql("UPDATE planning_event SET line = convert_to('not an event', 'UTF8'),"
                + " sha256 = encode(sha256(convert_to('not an event', 'UTF8')), 'hex')"
                + " WHERE repository = ? AND cycle_id = 'refused' AND seq = 3");

        assertThat(reported()).hasSize(2)
                .anyMatch(m -> m.startsWith(at + "be/refused:3: line 3 is not a readable planning event: "))
                .anyMatch(m -> m.startsWith(at + "be/refused:3: the portfolio row's head_sha256: expected "));
    }

    @Test
    void everyFailingCycleIsReported() throws SQLException {
        sql("UPDATE planning_event SET line = line || '\\x20'::bytea WHERE repository = ? AND seq = 2");

        assertThat(reported()).hasSize(2)
                .anyMatch(m -> m.startsWith(at + "be/refused:2: line 2 was edited"))
                .anyMatch(m -> m.startsWith(at + "fe/sealed:2: line 2 was edited"));
    }

    @Test
    void eachRowOfAnotherCycleIsOneMistakeNamingTheRowAndBothCycles() throws SQLException {
        // The refused cycle's rows renamed to another cycle: hashes, chain and fold all hold.
        sql("UPDATE planning_event SET cycle_id = 'renamed' WHERE repository = ? AND cycle_id = 'refused'");
        sql("UPDATE planning_cycle SET cycle_id = 'renamed' WHERE repository = ? AND cycle_id = 'refused'");

        PostgresStore.CheckResult result = store.check();

        assertThat(result.ok()).isFalse();
        assertThat(result.cycles()).isEqualTo(2);
        assertThat(result.mistakes()).extracting(Object::toString).containsExactly(
                at + "be/renamed:1: line 1 is an event of be/refused, not of be/renamed: this log holds another"
                        + " cycle's history (copied or renamed from its rows or log)",
                at + "be/renamed:2: line 2 is an event of be/refused, not of be/renamed: this log holds another"
                        + " cycle's history (copied or renamed from its rows or log)",
                at + "be/renamed:3: line 3 is an event of be/refused, not of be/renamed: this log holds another"
                        + " cycle's history (copied or renamed from its rows or log)");
        assertThatThrownBy(() -> store.eventStore().read(new CycleRef("be", "renamed")))
                .isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("line 1 is an event of be/refused, not of be/renamed");
    }

    @Test
    void anotherRepositorysRowsAreNotRead() throws SQLException {
        try (PostgresStore other = TestServers.store(false)) {
            CycleRef cycle = new CycleRef("fe", "other");
            other.eventStore().append(cycle, Events.created(cycle), RecordedEvent.GENESIS);
            assertThat(RepositoryRows.edit(other, "UPDATE planning_cycle SET state = 'COMPLETED'"
                    + " WHERE repository = ?")).isOne();

            assertThat(store.check().ok()).isTrue();
            assertThat(other.check().mistakes()).hasSize(1);
        }
    }

    private List<String> reported() {
        PostgresStore.CheckResult result = store.check();
        assertThat(result.ok()).isEqualTo(result.mistakes().isEmpty());
        return result.mistakes().stream().map(Object::toString).toList();
    }

    /** The SHA-256 column of line 1 of the refused cycle, as the edits left it. */
    private String shaAfterEdit() throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT sha256 FROM planning_event"
                        + " WHERE repository = ? AND cycle_id = 'refused' AND seq = 1")) {
            select.setString(1, store.eventStore().repository());
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private String sha(CycleRef cycle, int line) {
        return store.eventStore().read(cycle).get(line - 1).hash();
    }

    private String append(CycleRef cycle, PlanningEvent event, String head) {
        return store.eventStore().append(cycle, event, head).hash();
    }

    private void sql(String update) throws SQLException {
        RepositoryRows.edit(store, update);
    }
}
