package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.EventStore;
import dev.planning.engine.Planning;
import dev.planning.testkit.store.CycleQueriesContract;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL store's cross-cycle queries meet the contract the file store's meet: those from its rows
 * alone ({@link PostgresStore#queries()}) and, for the signature cases, those by path
 * ({@link PostgresStore#queries(Path, TrustedKeys)}), which read the workspace's manifests and rulebook.
 */
@Tag("slow")
@Tag("servers")
class CycleQueriesTest extends CycleQueriesContract {

    private final List<PostgresStore> opened = new ArrayList<>();

    @TempDir
    Path workspace;

    @Override
    protected EventStore newStore() {
        PostgresStore store = TestServers.store(false);
        opened.add(store);
        return store.eventStore();
    }

    @Override
    protected CycleQueries queriesOf(EventStore store) {
        return storeOf(store).queries();
    }

    @Override
    protected Path workspaceOf(EventStore store) {
        return workspace;
    }

    @Override
    protected PlanningWorkspace open(Path directory, EventStore store, TrustedKeys trust) {
        return Planning.builder().workspace(directory).eventStore(store).trustedKeys(trust).build();
    }

    @Override
    protected CycleQueries queriesOf(EventStore store, Path directory, TrustedKeys trust) {
        return storeOf(store).queries(directory, trust);
    }

    private PostgresStore storeOf(EventStore store) {
        return opened.stream().filter(s -> s.eventStore() == store).findFirst().orElseThrow();
    }

    /**
     * attack21: someone who can write a row but holds no key edits one column. The pending-signatures
     * questions that count signatures read the cycles' lines (chains verified), so the edit hides nothing.
     */
    @Test
    void aPlanningCycleRowEditedToCompletedDoesNotHideASealedCycleFromPendingSignatures() throws SQLException {
        PostgresStore postgres = opened.get(0);
        assertThat(RepositoryRows.edit(postgres, "UPDATE planning_cycle SET state = 'COMPLETED' WHERE repository = ?"
                + " AND stream = 'fe' AND cycle_id = 'b'")).isOne();

        assertThat(postgres.queries(workspace, TrustedKeys.none()).pendingSignatures(Set.of("PM")))
                .extracting(CycleQueries.PendingSignatures::cycle, CycleQueries.PendingSignatures::state)
                .containsExactly(Tuple.tuple(SEALED, CycleState.PACKAGED));
    }

    @Test
    void aSealEventsTypeColumnEditedDoesNotHideTheCycleFromPendingSignatures() throws SQLException {
        PostgresStore postgres = opened.get(0);
        assertThat(RepositoryRows.edit(postgres, "UPDATE planning_event SET event_type = 'PLAN_UPDATED'"
                + " WHERE repository = ? AND event_type = 'MANIFEST_SEALED'")).isOne();

        CycleQueries signed = postgres.queries(workspace, TrustedKeys.none());
        assertThat(signed.pendingSignatures()).extracting(CycleQueries.PendingSignatures::cycle)
                .containsExactly(SEALED);
        assertThat(signed.pendingSignatures(Set.of("PM", "QA"))).extracting(CycleQueries.PendingSignatures::cycle)
                .containsExactly(SEALED);
    }

    /** attack21: another repository of the same server, with a cycle of the same name in every state a question reads. */
    @Test
    void anotherRepositorysRowsAnswerNoQuestionOfThisOne() {
        PostgresStore postgres = opened.get(0);
        List<CycleQueries.CycleSummary> portfolio = postgres.queries().portfolio();
        List<CycleQueries.PendingSignatures> pending = postgres.queries(workspace, TrustedKeys.none())
                .pendingSignatures(Set.of("PM"));
        List<CycleQueries.WaiverExpiry> waivers = postgres.queries().expiringWaivers(LocalDate.parse("2099-01-01"));
        List<CycleQueries.Refusal> refusals = postgres.queries().recentRefusals(Instant.EPOCH, 1000);
        List<CycleRef> cycles = postgres.eventStore().cycles();
        List<RecordedEvent> sealedHere = postgres.eventStore().read(SEALED);
        try (PostgresStore other = TestServers.store(false)) {
            EventStore events = other.eventStore();
            String head = events.append(SEALED, Events.created(SEALED), RecordedEvent.GENESIS).hash();
            head = events.append(SEALED, Events.moved(SEALED, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head)
                    .hash();
            head = events.append(SEALED, Events.moved(SEALED, CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED), head)
                    .hash();
            head = events.append(SEALED, Events.fact(SEALED, EventType.MANIFEST_SEALED, Map.of("waivers", "1",
                    "waiver.1.rule", "other", "waiver.1.item", "X-1", "waiver.1.expires", "2025-01-01")), head).hash();
            // attack27: a refusal and a cycle of a stream this repository does not have, answered by no question here.
            CycleRef elsewhere = new CycleRef("xx", "other");
            String other0 = events.append(elsewhere, Events.created(elsewhere), RecordedEvent.GENESIS).hash();
            events.append(elsewhere, Events.refused(elsewhere, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF,
                    Instant.parse("2025-09-02T10:00:00Z")), other0);

            assertThat(postgres.queries().portfolio()).isEqualTo(portfolio);
            assertThat(postgres.queries(workspace, TrustedKeys.none()).pendingSignatures(Set.of("PM")))
                    .isEqualTo(pending);
            assertThat(postgres.queries().expiringWaivers(LocalDate.parse("2099-01-01"))).isEqualTo(waivers);
            assertThat(postgres.queries().recentRefusals(Instant.EPOCH, 1000)).isEqualTo(refusals);
            assertThat(postgres.eventStore().cycles()).isEqualTo(cycles).doesNotContain(elsewhere);
            assertThat(postgres.eventStore().read(elsewhere)).isEmpty();
            assertThat(postgres.eventStore().read(SEALED)).isEqualTo(sealedHere);
            assertThat(other.queries().recentRefusals(Instant.EPOCH, 1000))
                    .extracting(CycleQueries.Refusal::cycle).containsExactly(elsewhere);
        }
    }

    @AfterEach
    void close() {
        opened.forEach(PostgresStore::close);
    }
}
