package dev.planning.api.store;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import org.apiguardian.api.API;

import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Questions asked across every cycle of a store at once, answered from the recorded events: the
 * portfolio, handoffs waiting for signatures, waivers about to expire, recent refusals. The
 * PostgreSQL module implements it over its rows, and {@code Planning.cycleQueries(workspace)} over
 * a workspace's event log files; each answer is derived from events only, so it says nothing an
 * event does not record.
 *
 * <pre>{@code
 * for (CycleQueries.CycleSummary c : queries.portfolio()) {
 *     System.out.println(c.cycle() + " " + c.state());
 * }
 * queries.pendingSignatures(Set.of("PM", "TechLead", "QA"));
 * }</pre>
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.2")
public interface CycleQueries {

    /** Every cycle with at least one event and the state its events lead to, sorted by stream then cycle id. */
    List<CycleSummary> portfolio();

    /**
     * Sealed cycles, not completed, that lack a signature of one or more of {@code requiredRoles}
     * (the roles of the rulebook's signing policy), sorted by stream then cycle id.
     */
    List<PendingSignatures> pendingSignatures(Set<String> requiredRoles);

    /**
     * Waivers recorded by {@code WAIVER_GRANTED} events whose {@code expires} detail (an ISO date) is
     * on or before {@code until}, soonest first; already expired ones included, and one whose expiry
     * cannot be read counts as expired ({@link LocalDate#MIN}). Answered from the events the store
     * holds, nothing else: an application records such an event with
     * {@code PlanningWorkspace.record(cycle, EventType.WAIVER_GRANTED, details)} (details
     * {@code expires}, and optionally {@code rule}, {@code item}, {@code approver}). Waivers kept
     * only in a decision log file, never recorded as events, are not seen.
     */
    List<WaiverExpiry> expiringWaivers(LocalDate until);

    /** Refused transitions at or after {@code since}, newest first, at most {@code limit}. */
    List<Refusal> recentRefusals(Instant since, int limit);

    /**
     * One cycle of the portfolio.
     *
     * @param cycle     the cycle, never {@code null}
     * @param state     the state its events lead to, never {@code null}
     * @param events    how many events its log holds
     * @param updatedAt the timestamp of its last event, never {@code null}
     */
    record CycleSummary(CycleRef cycle, CycleState state, int events, Instant updatedAt) {
        public CycleSummary {
            Objects.requireNonNull(cycle, "cycle");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }

    /**
     * A sealed cycle and the roles that still have to sign.
     *
     * @param cycle        the cycle, never {@code null}
     * @param state        its state, never {@code null}
     * @param signedRoles  roles with a {@code SIGNATURE_ADDED} event, sorted
     * @param missingRoles required roles without one, sorted, never empty
     */
    record PendingSignatures(CycleRef cycle, CycleState state, List<String> signedRoles, List<String> missingRoles) {
        public PendingSignatures {
            Objects.requireNonNull(cycle, "cycle");
            Objects.requireNonNull(state, "state");
            signedRoles = List.copyOf(signedRoles);
            missingRoles = List.copyOf(missingRoles);
        }
    }

    /**
     * A waiver and when it expires.
     *
     * @param cycle   the cycle whose log recorded it, never {@code null}
     * @param eventId the {@code WAIVER_GRANTED} event, never {@code null}
     * @param expires the expiry date, never {@code null}
     * @param rule    the waived rule, when recorded
     * @param item    the waived item, when recorded
     * @param approver who approved it, when recorded
     */
    record WaiverExpiry(CycleRef cycle, String eventId, LocalDate expires, Optional<String> rule,
            Optional<String> item, Optional<String> approver) {
        public WaiverExpiry {
            Objects.requireNonNull(cycle, "cycle");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(expires, "expires");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(approver, "approver");
        }
    }

    /**
     * A refused transition.
     *
     * @param cycle       the cycle, never {@code null}
     * @param eventId     the {@code TRANSITION_REFUSED} event, never {@code null}
     * @param at          when, never {@code null}
     * @param from        the state it was refused in, when recorded
     * @param requested   the state that was asked for, when recorded
     * @param gateResults gate name to status, in recorded order
     */
    record Refusal(CycleRef cycle, String eventId, Instant at, Optional<CycleState> from,
            Optional<CycleState> requested, Map<String, GateStatus> gateResults) {
        public Refusal {
            Objects.requireNonNull(cycle, "cycle");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(requested, "requested");
            gateResults = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(gateResults));
        }
    }
}
