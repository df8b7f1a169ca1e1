package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.store.CycleQueries;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CycleQueriesTest {

    private static final CycleRef PLANNED = new CycleRef("fe", "a");
    private static final CycleRef SEALED = new CycleRef("fe", "b");
    private static final CycleRef REFUSED = new CycleRef("be", "c");

    private PostgresStore store;
    private PostgresEventStore events;

    @BeforeEach
    void history() {
        store = TestServers.store(false);
        events = store.eventStore();
        events.append(PLANNED, Events.created(PLANNED), RecordedEvent.GENESIS);

        String head = events.append(SEALED, Events.created(SEALED), RecordedEvent.GENESIS).hash();
        head = events.append(SEALED, Events.moved(SEALED, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head).hash();
        head = events.append(SEALED, Events.moved(SEALED, CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED), head).hash();
        head = events.append(SEALED, Events.fact(SEALED, EventType.MANIFEST_SEALED, Map.of("manifest_sha256", "x")),
                head).hash();
        head = events.append(SEALED, Events.fact(SEALED, EventType.SIGNATURE_ADDED, Map.of("role", "PM")), head).hash();
        head = events.append(SEALED, Events.fact(SEALED, EventType.WAIVER_GRANTED,
                Map.of("rule", "critical-zero", "item", "FE-1", "approver", "cto", "expires", "2025-09-05")), head)
                .hash();
        events.append(SEALED, Events.fact(SEALED, EventType.WAIVER_GRANTED,
                Map.of("rule", "sox", "item", "FE-2", "expires", "2025-12-31")), head);

        head = events.append(REFUSED, Events.created(REFUSED), RecordedEvent.GENESIS).hash();
        events.append(REFUSED, Events.refused(REFUSED, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF,
                Instant.parse("2025-09-03T08:00:00Z")), head);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void thePortfolioHoldsEveryCycleInTheStateItsEventsLeadTo() {
        assertThat(store.queries().portfolio())
                .extracting(CycleQueries.CycleSummary::cycle, CycleQueries.CycleSummary::state,
                        CycleQueries.CycleSummary::events)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(REFUSED, CycleState.PLANNED, 2),
                        org.assertj.core.groups.Tuple.tuple(PLANNED, CycleState.PLANNED, 1),
                        org.assertj.core.groups.Tuple.tuple(SEALED, CycleState.PACKAGED, 7));
    }

    @Test
    void pendingSignaturesNamesTheRolesASealedCycleStillLacks() {
        assertThat(store.queries().pendingSignatures(Set.of("PM", "QA", "TechLead")))
                .containsExactly(new CycleQueries.PendingSignatures(SEALED, CycleState.PACKAGED, java.util.List.of("PM"),
                        java.util.List.of("QA", "TechLead")));
        assertThat(store.queries().pendingSignatures(Set.of("PM"))).isEmpty();
    }

    @Test
    void expiringWaiversListsThoseExpiringByTheDate() {
        assertThat(store.queries().expiringWaivers(LocalDate.parse("2025-09-07")))
                .containsExactly(new CycleQueries.WaiverExpiry(SEALED, events.read(SEALED).get(5).event().id(),
                        LocalDate.parse("2025-09-05"), Optional.of("critical-zero"), Optional.of("FE-1"),
                        Optional.of("cto")));
    }

    @Test
    void recentRefusalsListsRefusedTransitionsSinceTheInstant() {
        assertThat(store.queries().recentRefusals(Instant.parse("2025-09-03T00:00:00Z"), 10))
                .singleElement()
                .satisfies(refusal -> {
                    assertThat(refusal.cycle()).isEqualTo(REFUSED);
                    assertThat(refusal.requested()).contains(CycleState.READY_FOR_HANDOFF);
                    assertThat(refusal.gateResults()).containsKey("governance");
                });
        assertThat(store.queries().recentRefusals(Instant.parse("2025-09-04T00:00:00Z"), 10)).isEmpty();
    }
}
