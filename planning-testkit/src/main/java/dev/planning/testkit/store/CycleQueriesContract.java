package dev.planning.testkit.store;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apiguardian.api.API;
import dev.planning.api.InvalidInputException;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.EventStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CycleQueries}, as a JUnit 5 test class to extend: the same history is
 * written through a store's {@link EventStore} and every cross-cycle question must get the same
 * answer, whatever the storage (the workspace's files, PostgreSQL).
 *
 * <pre>{@code
 * class FileCycleQueriesTest extends CycleQueriesContract {
 *     @TempDir Path workspace;
 *     protected EventStore newStore() { return new FileEventStore(workspace); }
 *     protected CycleQueries queriesOf(EventStore store) { return Planning.cycleQueries(workspace); }
 * }
 * }</pre>
 *
 * <p>Queries that know a rulebook refuse a role its signing policy does not name: give them one that
 * names {@code PM}, {@code QA} and {@code TechLead} (queries by path read the workspace's {@code rulebook/}).
 *
 * <p>The history: {@code fe/a} only created; {@code fe/b} moved to {@code PACKAGED} and sealed,
 * with no manifest (the events alone, so its PM {@code SIGNATURE_ADDED} event is a claim no
 * signature backs), its seal recording the decision log's waiver expiring 2025-09-06, and three
 * waivers recorded as {@code WAIVER_GRANTED} (expiring 2025-09-05, 2025-12-31, and one without an
 * expiry date, which is always listed); {@code be/c} refused a move on 2025-09-03.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class CycleQueriesContract {

    /** A cycle only created. */
    protected static final CycleRef PLANNED = new CycleRef("fe", "a");
    /** A cycle sealed, with a PM signature event (no signature backs it) and waivers. */
    protected static final CycleRef SEALED = new CycleRef("fe", "b");
    /** A cycle with a refused transition. */
    protected static final CycleRef REFUSED = new CycleRef("be", "c");

    private static final Instant T0 = Instant.parse("2025-09-02T10:00:00Z");

    private int ids;
    private EventStore store;
    private CycleQueries queries;
    private String expiringWaiverId;
    private String sealId;
    private String noExpiryWaiverId;

    /**
     * A new store over new, empty storage (called once per test).
     *
     * @return never {@code null}
     */
    protected abstract EventStore newStore();

    /**
     * The queries over the storage of {@code store}, answering from what it holds.
     *
     * @param store a store returned by {@link #newStore()}
     * @return never {@code null}
     */
    protected abstract CycleQueries queriesOf(EventStore store);

    @BeforeEach
    final void writeHistory() {
        store = newStore();
        store.append(PLANNED, created(PLANNED), RecordedEvent.GENESIS);

        String head = store.append(SEALED, created(SEALED), RecordedEvent.GENESIS).hash();
        head = append(SEALED, moved(SEALED, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head);
        head = append(SEALED, moved(SEALED, CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED), head);
        PlanningEvent seal = fact(SEALED, EventType.MANIFEST_SEALED, Map.of("manifest_sha256", "x", "waivers", "1",
                "waiver.1.rule", "missing-owner", "waiver.1.item", "FE-4", "waiver.1.approver", "lead",
                "waiver.1.expires", "2025-09-06"));
        sealId = seal.id();
        head = append(SEALED, seal, head);
        head = append(SEALED, fact(SEALED, EventType.SIGNATURE_ADDED, Map.of("role", "PM")), head);
        PlanningEvent expiring = fact(SEALED, EventType.WAIVER_GRANTED,
                Map.of("rule", "critical-zero", "item", "FE-1", "approver", "cto", "expires", "2025-09-05"));
        expiringWaiverId = expiring.id();
        head = append(SEALED, expiring, head);
        head = append(SEALED, fact(SEALED, EventType.WAIVER_GRANTED,
                Map.of("rule", "sox", "item", "FE-2", "expires", "2025-12-31")), head);
        PlanningEvent noExpiry = fact(SEALED, EventType.WAIVER_GRANTED, Map.of("rule", "naming", "item", "FE-3"));
        noExpiryWaiverId = noExpiry.id();
        append(SEALED, noExpiry, head);

        head = store.append(REFUSED, created(REFUSED), RecordedEvent.GENESIS).hash();
        store.append(REFUSED, new PlanningEvent(nextId(), Instant.parse("2025-09-03T08:00:00Z"),
                EventType.TRANSITION_REFUSED, Optional.of(CycleState.PLANNED), Optional.of(CycleState.READY_FOR_HANDOFF),
                REFUSED.toString(), "contract", Map.of("governance", GateStatus.FAIL), Map.of()), head);
        queries = queriesOf(store);
    }

    @Test
    @DisplayName("the portfolio holds every cycle with its state and event count, by stream then cycle id")
    void portfolio() {
        assertThat(queries.portfolio())
                .extracting(CycleQueries.CycleSummary::cycle, CycleQueries.CycleSummary::state,
                        CycleQueries.CycleSummary::events)
                .containsExactly(
                        Tuple.tuple(REFUSED, CycleState.PLANNED, 2),
                        Tuple.tuple(PLANNED, CycleState.PLANNED, 1),
                        Tuple.tuple(SEALED, CycleState.PACKAGED, 8));
        assertThat(queries.portfolio()).filteredOn(c -> c.cycle().equals(REFUSED))
                .extracting(CycleQueries.CycleSummary::updatedAt)
                .containsExactly(Instant.parse("2025-09-03T08:00:00Z"));
    }

    @Test
    @DisplayName("pending signatures: a SIGNATURE_ADDED event alone never makes a role signed, it is only claimed")
    void pendingSignatures() {
        assertThat(queries.pendingSignatures(Set.of("PM", "QA", "TechLead")))
                .containsExactly(new CycleQueries.PendingSignatures(SEALED, CycleState.PACKAGED, List.of(),
                        List.of("PM"), List.of("PM", "QA", "TechLead"), List.of(once("PM"), once("QA"),
                                once("TechLead"))));
        assertThat(queries.pendingSignatures(Set.of("PM")))
                .extracting(CycleQueries.PendingSignatures::missingRoles).containsExactly(List.of("PM"));
    }

    @Test
    @DisplayName("pending signatures of a signing policy: each unmet requirement with how many signers count for it")
    void pendingSignaturesOfASigningPolicy() {
        SigningRequirement pm = new SigningRequirement(List.of("PM"), 1);
        SigningRequirement leads = new SigningRequirement(List.of("TechLead", "QA"), 2);

        assertThat(queries.pendingSignatures(new SigningPolicy(List.of(pm, leads))))
                .containsExactly(new CycleQueries.PendingSignatures(SEALED, CycleState.PACKAGED, List.of(),
                        List.of("PM"), List.of("PM", "QA", "TechLead"), List.of(
                                new CycleQueries.UnmetRequirement(pm, 0), new CycleQueries.UnmetRequirement(leads, 0))));
        assertThat(queries.pendingSignatures(SigningPolicy.NONE)).as("a policy that requires no signature").isEmpty();
    }

    @Test
    @DisplayName("pending signatures of a signing policy: two of one role with none that verifies is pending for two")
    void pendingSignaturesOfAPolicyNeedingTwoSignersOfOneRole() {
        SigningRequirement twoPms = new SigningRequirement(List.of("PM"), 2);

        assertThat(queries.pendingSignatures(new SigningPolicy(List.of(twoPms))))
                .singleElement().satisfies(p -> {
                    assertThat(p.missingRoles()).containsExactly("PM");
                    assertThat(p.unmetRequirements()).containsExactly(new CycleQueries.UnmetRequirement(twoPms, 0));
                    assertThat(p.unmetRequirements().get(0).missing()).isEqualTo(2);
                });
    }

    @Test
    @DisplayName("pending signatures refuse no role and a malformed one, never answering \"nothing pending\" for them")
    void pendingSignaturesRefuseNoRoleAndAMalformedOne() {
        assertThatThrownBy(() -> queries.pendingSignatures(Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requiredRoles");
        assertThatThrownBy(() -> queries.pendingSignatures(Set.of("PM", "Q A")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'Q A'");
        assertThatThrownBy(() -> queries.pendingSignatures((Set<String>) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("requiredRoles");
    }

    @Test
    @DisplayName("expiring waivers are the recorded and sealed waivers expiring on or before the date, and those with no expiry")
    void expiringWaivers() {
        assertThat(queries.expiringWaivers(LocalDate.parse("2025-09-07")))
                .containsExactly(
                        new CycleQueries.WaiverExpiry(SEALED, noExpiryWaiverId, Optional.empty(), Optional.of("naming"),
                                Optional.of("FE-3"), Optional.empty()),
                        new CycleQueries.WaiverExpiry(SEALED, expiringWaiverId, Optional.of(LocalDate.parse("2025-09-05")),
                                Optional.of("critical-zero"), Optional.of("FE-1"), Optional.of("cto")),
                        new CycleQueries.WaiverExpiry(SEALED, sealId, Optional.of(LocalDate.parse("2025-09-06")),
                                Optional.of("missing-owner"), Optional.of("FE-4"), Optional.of("lead")));
        assertThat(queries.expiringWaivers(LocalDate.parse("2025-09-05"))).hasSize(2);
        assertThat(queries.expiringWaivers(LocalDate.parse("2025-09-04")))
                .singleElement().satisfies(w -> assertThat(w.noExpiry()).isTrue());
        assertThat(queries.expiringWaivers(LocalDate.parse("2026-01-01")))
                .extracting(CycleQueries.WaiverExpiry::expires)
                .containsExactly(Optional.empty(), Optional.of(LocalDate.parse("2025-09-05")),
                        Optional.of(LocalDate.parse("2025-09-06")), Optional.of(LocalDate.parse("2025-12-31")));
    }

    @Test
    @DisplayName("recent refusals are the refused transitions at or after the instant, at most the limit")
    void recentRefusals() {
        assertThat(queries.recentRefusals(Instant.parse("2025-09-03T08:00:00Z"), 10))
                .singleElement()
                .satisfies(refusal -> {
                    assertThat(refusal.cycle()).isEqualTo(REFUSED);
                    assertThat(refusal.from()).contains(CycleState.PLANNED);
                    assertThat(refusal.requested()).contains(CycleState.READY_FOR_HANDOFF);
                    assertThat(refusal.gateResults()).containsEntry("governance", GateStatus.FAIL);
                });
        assertThat(queries.recentRefusals(Instant.parse("2025-09-03T08:00:01Z"), 10)).isEmpty();
        assertThatThrownBy(() -> queries.recentRefusals(T0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("an event appended after the queries were obtained is seen by the next question")
    void answersFromWhatIsStoredNow() {
        String head = store.read(PLANNED).get(0).hash();
        store.append(PLANNED, moved(PLANNED, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head);

        assertThat(queries.portfolio()).filteredOn(c -> c.cycle().equals(PLANNED))
                .extracting(CycleQueries.CycleSummary::state).containsExactly(CycleState.READY_FOR_HANDOFF);
    }

    private String append(CycleRef cycle, PlanningEvent event, String head) {
        return store.append(cycle, event, head).hash();
    }

    private String nextId() {
        return "evt_queries_" + (++ids);
    }

    private PlanningEvent created(CycleRef cycle) {
        return new PlanningEvent(nextId(), T0, EventType.CYCLE_CREATED, Optional.empty(),
                Optional.of(CycleState.PLANNED), cycle.toString(), "contract", Map.of(), Map.of());
    }

    private PlanningEvent moved(CycleRef cycle, CycleState from, CycleState to) {
        return new PlanningEvent(nextId(), T0.plusSeconds(60), EventType.STATE_TRANSITION, Optional.of(from),
                Optional.of(to), cycle.toString(), "contract", Map.of("schema_lint", GateStatus.PASS), Map.of());
    }

    private PlanningEvent fact(CycleRef cycle, EventType type, Map<String, String> details) {
        return new PlanningEvent(nextId(), T0.plusSeconds(120), type, Optional.empty(), Optional.empty(),
                cycle.toString(), "contract", Map.of(), details);
    }

    private static CycleQueries.UnmetRequirement once(String role) {
        return new CycleQueries.UnmetRequirement(new SigningRequirement(List.of(role), 1), 0);
    }
}
