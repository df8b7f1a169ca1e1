package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgsig23: what {@link PostgresStore#queries()}'s Javadoc and docs/SECURITY.md say of an edit of the
 * columns by someone who can write the database: the portfolio, the waivers and the refusals answer from
 * the columns and the {@code planning_cycle} rows (the B6 portfolio target rules out reading every line
 * for them), so one column edit changes their answer, and {@link PostgresStore#check()} reports that edit;
 * the pending signatures answer from the verified lines, and the same edit does not change them.
 */
@Tag("slow")
@Tag("servers")
class RowQueriesEditsTest {

    private static final CycleRef SEALED = new CycleRef("fe", "sealed");
    private static final CycleRef REFUSED = new CycleRef("be", "refused");
    private static final Instant REFUSED_AT = Instant.parse("2025-09-03T09:00:00Z");

    @TempDir
    Path workspace;

    private PostgresStore store;
    private String at;

    @BeforeEach
    void writeHistory() {
        store = TestServers.store(false);
        at = "postgresql:" + store.eventStore().repository() + "/";
        String head = append(SEALED, Events.created(SEALED), RecordedEvent.GENESIS);
        head = append(SEALED, Events.moved(SEALED, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head);
        head = append(SEALED, Events.moved(SEALED, CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED), head);
        head = append(SEALED, Events.fact(SEALED, EventType.MANIFEST_SEALED, Map.of("manifest_sha256", "x")), head);
        append(SEALED, Events.fact(SEALED, EventType.WAIVER_GRANTED, Map.of("rule", "critical-zero", "item", "FE-1",
                "expires", "2025-09-05")), head);
        head = append(REFUSED, Events.created(REFUSED), RecordedEvent.GENESIS);
        head = append(REFUSED, Events.moved(REFUSED, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head);
        append(REFUSED, Events.refused(REFUSED, CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, REFUSED_AT), head);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aDeletedPortfolioRowHidesTheCycleFromThePortfolioAndStoreCheckReportsIt() throws SQLException {
        assertThat(store.queries().portfolio()).extracting(CycleQueries.CycleSummary::cycle)
                .containsExactly(REFUSED, SEALED);
        sql("DELETE FROM planning_cycle WHERE repository = ? AND cycle_id = 'sealed'");

        assertThat(store.queries().portfolio()).extracting(CycleQueries.CycleSummary::cycle)
                .containsExactly(REFUSED);
        assertThat(store.check().mistakes()).extracting(Object::toString)
                .containsExactly(at + "fe/sealed:5: the log has 5 line(s) but no portfolio row (planning_cycle)");
    }

    @Test
    void aWaiverExpiryEditedInItsDetailsColumnHidesItAndStoreCheckReportsIt() throws SQLException {
        LocalDate until = LocalDate.parse("2025-09-30");
        assertThat(store.queries().expiringWaivers(until)).hasSize(1);
        sql("UPDATE planning_event SET details = jsonb_set(details, '{expires}', '\"2099-01-01\"')"
                + " WHERE repository = ? AND event_type = 'WAIVER_GRANTED'");

        assertThat(store.queries().expiringWaivers(until)).isEmpty();
        assertThat(store.check().mistakes()).extracting(Object::toString).singleElement().asString()
                .startsWith(at + "fe/sealed:5: line 5's details: expected {");
    }

    @Test
    void aRefusalRetypedInItsColumnIsHiddenFromTheRefusalsAndStoreCheckReportsIt() throws SQLException {
        Instant since = Instant.parse("2025-01-01T00:00:00Z");
        assertThat(store.queries().recentRefusals(since, 10)).hasSize(1);
        sql("UPDATE planning_event SET event_type = 'STATE_TRANSITION' WHERE repository = ?"
                + " AND event_type = 'TRANSITION_REFUSED'");

        assertThat(store.queries().recentRefusals(since, 10)).isEmpty();
        assertThat(store.check().mistakes()).extracting(Object::toString).containsExactly(at + "be/refused:3:"
                + " line 3's event_type: expected 'TRANSITION_REFUSED' (in the line), found 'STATE_TRANSITION'");
    }

    @Test
    void thePendingSignaturesReadTheLinesSoTheSameKindOfEditChangesNothing() throws SQLException {
        QueriesWorkspace.write(workspace);
        List<CycleQueries.PendingSignatures> before = store.queries(workspace, TrustedKeys.none()).pendingSignatures();
        sql("DELETE FROM planning_cycle WHERE repository = ? AND cycle_id = 'sealed'");
        sql("UPDATE planning_event SET event_type = 'PLAN_UPDATED', details = '{}' WHERE repository = ?"
                + " AND event_type = 'MANIFEST_SEALED'");

        assertThat(before).extracting(CycleQueries.PendingSignatures::cycle).containsExactly(SEALED);
        assertThat(store.queries(workspace, TrustedKeys.none()).pendingSignatures())
                .isEqualTo(before);
    }

    private String append(CycleRef cycle, PlanningEvent event, String head) {
        return store.eventStore().append(cycle, event, head).hash();
    }

    private void sql(String update) throws SQLException {
        RepositoryRows.edit(store, update);
    }
}
