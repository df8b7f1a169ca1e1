package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.PlanningException;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.engine.internal.eventlog.EventLogQueries;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * pg24: the embedder's cross-cycle queries, {@code PlanningWorkspace.queries(trust)} of a workspace built on
 * the PostgreSQL store ({@code Planning.builder().eventStore(store.eventStore())}), read every cycle's lines
 * in one statement ({@link PostgresEventStore#readAll}) instead of listing the cycles and reading each, and
 * refuse as reading each cycle refuses.
 */
@Tag("slow")
@Tag("servers")
class EmbedderQueriesReadTest extends CountedStoreFixture {

    @Test
    void everyQuestionReadsEveryCyclesLinesInOneStatementHoweverManyCycles() {
        QueriesWorkspace.seal(events, new CycleRef("fe", "c1"));
        QueriesWorkspace.seal(events, new CycleRef("be", "c2"));
        CycleQueries queries = QueriesWorkspace.embedder(workspace, events).queries(TrustedKeys.none());
        int[] few = statementsOfEachQuestion(queries, 2);
        for (int i = 3; i <= 8; i++) {
            QueriesWorkspace.seal(events, new CycleRef("fe", "c" + i));
        }

        int[] many = statementsOfEachQuestion(queries, 8);

        assertThat(few).as("portfolio, pending signatures (3 forms), waivers, refusals over 2 cycles: one read each")
                .containsOnly(1);
        assertThat(many).as("and over 8: no read per cycle").containsOnly(1);
    }

    @Test
    void theOneReadAnswersAsReadingEachCycleAnswers() {
        QueriesWorkspace.seal(events, new CycleRef("fe", "b"));
        QueriesWorkspace.seal(events, new CycleRef("fe", "Z1"));
        events.append(new CycleRef("be", "a"), Events.created(new CycleRef("be", "a")),
                RecordedEvent.GENESIS);
        CycleQueries oneRead = QueriesWorkspace.embedder(workspace, events).queries(TrustedKeys.none());
        CycleQueries eachRead = QueriesWorkspace.embedder(workspace, QueriesWorkspace.readingEachCycle(events))
                .queries(TrustedKeys.none());

        assertThat(oneRead.portfolio()).isEqualTo(eachRead.portfolio()).hasSize(3);
        assertThat(oneRead.pendingSignatures()).isEqualTo(eachRead.pendingSignatures()).hasSize(2);
        assertThat(oneRead.pendingSignatures(Set.of("PM"))).isEqualTo(eachRead.pendingSignatures(Set.of("PM")));
    }

    @Test
    void aLineEditedInOneCycleRefusesThePortfolioNamingTheCycleAndLine() throws SQLException {
        QueriesWorkspace.seal(events, new CycleRef("fe", "a"));
        QueriesWorkspace.seal(events, new CycleRef("fe", "b"));
        edit("UPDATE planning_event SET line = convert_to(replace(convert_from(line, 'UTF8'), '\"test\"',"
                + " '\"mallory\"'), 'UTF8') WHERE repository = ? AND cycle_id = 'b' AND seq = 2");

        assertThatThrownBy(() -> QueriesWorkspace.embedder(workspace, events).queries(TrustedKeys.none()).portfolio())
                .isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("line 2 was edited")
                .extracting(e -> ((EventLogCorruptedException) e).location().orElseThrow().file())
                .isEqualTo(events.location(new CycleRef("fe", "b")));
    }

    @Test
    void aLineEditedWithItsStoredHashRefusesWhereTheNextLineNoLongerChains() throws SQLException {
        QueriesWorkspace.seal(events, new CycleRef("fe", "b"));
        edit("UPDATE planning_event SET line = convert_to(replace(convert_from(line, 'UTF8'), '\"test\"',"
                + " '\"mallory\"'), 'UTF8') WHERE repository = ? AND seq = 2");
        edit("UPDATE planning_event SET sha256 = encode(sha256(line), 'hex') WHERE repository = ? AND seq = 2");

        assertThatThrownBy(() -> QueriesWorkspace.embedder(workspace, events).queries(TrustedKeys.none())
                .expiringWaivers(LocalDate.parse("2099-01-01")))
                .isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("line 3 does not chain to line 2");
    }

    @Test
    void aMissingLineRefusesTheRefusals() throws SQLException {
        QueriesWorkspace.seal(events, new CycleRef("fe", "b"));
        edit("DELETE FROM planning_event WHERE repository = ? AND seq = 2");

        assertThatThrownBy(() -> QueriesWorkspace.embedder(workspace, events).queries(TrustedKeys.none())
                .recentRefusals(Instant.EPOCH, 10))
                .isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("line 2 is missing");
    }

    @Test
    void aRowNamingNoCycleRefusesThePortfolioNamingTheRow() throws SQLException {
        QueriesWorkspace.seal(events, new CycleRef("fe", "b"));
        edit("UPDATE planning_event SET stream = 'Fe.x' WHERE repository = ? AND seq = 2");

        assertThatThrownBy(() -> QueriesWorkspace.embedder(workspace, events).queries(TrustedKeys.none()).portfolio())
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("rows of planning_event").hasMessageContaining("'Fe.x'")
                .hasMessageContaining("planning store check");
    }

    /** The statements each question took, in order: portfolio, the three pending-signatures forms, waivers, refusals. */
    private int[] statementsOfEachQuestion(CycleQueries queries, int cycles) {
        return new int[] {
            statementsOf(() -> assertThat(queries.portfolio()).hasSize(cycles)),
            statementsOf(() -> assertThat(queries.pendingSignatures()).hasSize(cycles)),
            statementsOf(() -> assertThat(queries.pendingSignatures(Set.of("PM"))).hasSize(cycles)),
            statementsOf(() -> assertThat(queries.pendingSignatures(
                    EventLogQueries.eachOnce(Set.of("PM")))).hasSize(cycles)),
            statementsOf(() -> assertThat(queries.expiringWaivers(LocalDate.parse("2099-01-01"))).isEmpty()),
            statementsOf(() -> assertThat(queries.recentRefusals(Instant.EPOCH, 10)).isEmpty())};
    }
}
