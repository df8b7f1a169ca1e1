package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.EventStore;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.testkit.store.CycleQueriesContract;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PlanningWorkspace#queries}: the cross-cycle queries of a workspace over its own event store
 * (every cycle it lists), the same answers as {@link Planning#cycleQueries(Path)} over its files; a
 * store that cannot list its cycles, and a role the signing policy does not name, refused.
 */
class WorkspaceQueriesTest {

    @TempDir
    Path workspace;

    /**
     * A workspace built read-only (no rulebook loaded) answers the queries' contract over its files; the
     * signature cases ask a workspace that signs ({@link PlanningWorkspace#queries}, the contract's default).
     */
    @Nested
    class OverTheWorkspacesFiles extends CycleQueriesContract {
        @Override
        protected EventStore newStore() {
            return new FileEventStore(workspace);
        }

        @Override
        protected CycleQueries queriesOf(EventStore store) {
            return Planning.builder().workspace(workspace).readOnly().build().queries(TrustedKeys.none());
        }

        @Override
        protected Path workspaceOf(EventStore store) {
            return workspace;
        }

        @Override
        protected PlanningWorkspace open(Path directory, EventStore store, TrustedKeys trust) {
            return Planning.builder().workspace(directory).trustedKeys(trust).build();
        }
    }

    /**
     * The same over another store than the files: the logs and the cycles are the store's. The
     * contract's cycles (fe/a, fe/b, be/c) have neither a plan nor an event log file here, so a
     * question that asked the workspace's files for its cycles would see none of them.
     */
    @Nested
    class OverAnotherStore extends CycleQueriesContract {
        private final InMemoryEventStore memory = new InMemoryEventStore();

        @Override
        protected EventStore newStore() {
            return memory;
        }

        @Override
        protected CycleQueries queriesOf(EventStore store) {
            return Planning.builder().workspace(workspace).eventStore(store).readOnly().build()
                    .queries(TrustedKeys.none());
        }

        @Override
        protected Path workspaceOf(EventStore store) {
            return workspace;
        }

        @Override
        protected PlanningWorkspace open(Path directory, EventStore store, TrustedKeys trust) {
            return Planning.builder().workspace(directory).eventStore(store).trustedKeys(trust).build();
        }
    }

    @Test
    void aStoreThatDoesNotListItsCyclesIsRefusedNeverAnsweredWithNone() {
        InMemoryEventStore memory = new InMemoryEventStore();
        EventStore unlisted = new EventStore() {
            @Override
            public List<RecordedEvent> read(CycleRef cycle) {
                return memory.read(cycle);
            }

            @Override
            public RecordedEvent append(CycleRef cycle, PlanningEvent event, String expectedHead) {
                return memory.append(cycle, event, expectedHead);
            }
        };
        CycleRef cycle = new CycleRef("fe", "2025-09-02");
        unlisted.append(cycle, event(cycle, EventType.CYCLE_CREATED, Map.of()), RecordedEvent.GENESIS);
        CycleQueries queries = readOnly(workspace, unlisted).queries(TrustedKeys.none());

        assertThatThrownBy(queries::portfolio).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("EventStore.cycles()");
        assertThatThrownBy(() -> queries.pendingSignatures(Set.of("PM"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> queries.expiringWaivers(LocalDate.MAX)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> queries.recentRefusals(Instant.EPOCH, 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aRoleTheRulebooksSigningPolicyDoesNotNameIsRefused() {
        CycleQueries queries = readOnly(workspace).queries(TrustedKeys.none());

        assertThatThrownBy(() -> queries.pendingSignatures(Set.of("PM", "Qa")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown role 'Qa': the rulebook's signing policy names PM, QA, TechLead"
                        + " (role names are case-sensitive)");
        assertThatThrownBy(() -> queries.pendingSignatures(Set.of("Auditor")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown role 'Auditor'");
    }

    @Test
    void noRoleOrAMalformedOneIsRefused() {
        CycleQueries queries = readOnly(workspace).queries(TrustedKeys.none());

        assertThatThrownBy(() -> queries.pendingSignatures(Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requiredRoles is empty");
        assertThatThrownBy(() -> queries.pendingSignatures(Set.of("Q A"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid role 'Q A'");
        assertThatThrownBy(() -> queries.pendingSignatures((Set<String>) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("requiredRoles");
    }

    @Test
    void theSigningPolicysRolesAreAskedAsTheirNamesAre() {
        InMemoryEventStore memory = new InMemoryEventStore();
        PlanningWorkspace ws = readOnly(workspace, memory);
        CycleRef cycle = new CycleRef("fe", "2025-09-02");
        String head = memory.append(cycle, event(cycle, EventType.CYCLE_CREATED, Map.of()), RecordedEvent.GENESIS).hash();
        memory.append(cycle, event(cycle, EventType.MANIFEST_SEALED, Map.of("manifest_sha256", "x")), head);
        CycleQueries queries = ws.queries(TrustedKeys.none());

        List<CycleQueries.PendingSignatures> byPolicy = queries.pendingSignatures(ws.rulebook().signing());

        assertThat(byPolicy).singleElement().satisfies(p -> {
            assertThat(p.missingRoles()).containsExactly("PM", "QA", "TechLead");
            assertThat(p.unmetRequirements()).extracting(CycleQueries.UnmetRequirement::requirement)
                    .isEqualTo(ws.rulebook().signing().required());
        });
        assertThat(queries.pendingSignatures(Set.of("TechLead", "QA", "PM")))
                .extracting(CycleQueries.PendingSignatures::missingRoles).containsExactly(byPolicy.get(0).missingRoles());
    }

    @Test
    void aNullTrustIsRefusedNamingIt() {
        PlanningWorkspace ws = readOnly(workspace);

        assertThatThrownBy(() -> ws.queries(null)).isInstanceOf(NullPointerException.class).hasMessage("trust");
    }

    @Test
    void anEmptyWorkspaceHasAnEmptyPortfolio() {
        assertThat(readOnly(workspace).queries(TrustedKeys.none()).portfolio()).isEmpty();
    }

    /** A rulebook whose signing policy names PM, TechLead and QA. */
    static final String RULEBOOK = CycleWorkspace.RULEBOOK.replace("    - {roles: [PM], min: 1}\n",
            "    - {roles: [PM], min: 1}\n    - {roles: [TechLead, QA], min: 2}\n");

    private static PlanningWorkspace readOnly(Path workspace) {
        CycleWorkspace.write(workspace.resolve("rulebook/rulebook.yaml"), RULEBOOK);
        return Planning.builder().workspace(workspace).readOnly().build();
    }

    private static PlanningWorkspace readOnly(Path workspace, EventStore store) {
        CycleWorkspace.write(workspace.resolve("rulebook/rulebook.yaml"), RULEBOOK);
        return Planning.builder().workspace(workspace).eventStore(store).readOnly().build();
    }

    private static PlanningEvent event(CycleRef cycle, EventType type, Map<String, String> details) {
        return new PlanningEvent("evt_" + type.name().toLowerCase(Locale.ROOT), Instant.parse("2025-09-02T10:00:00Z"),
                type, Optional.empty(), type == EventType.CYCLE_CREATED ? Optional.of(CycleState.PLANNED) : Optional.empty(),
                cycle.toString(), "test", Map.of(), details);
    }

}
