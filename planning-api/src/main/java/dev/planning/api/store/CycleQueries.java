package dev.planning.api.store;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Questions asked across every cycle of a store at once, answered from the recorded events: the
 * portfolio, handoffs waiting for signatures, waivers about to expire, recent refusals. The
 * PostgreSQL module implements it over its rows, {@code Planning.cycleQueries(workspace)} over
 * a workspace's event log files, and {@link dev.planning.api.PlanningWorkspace#queries} over a
 * workspace's own event store, whichever it is; each answer is derived from the recorded events (the waivers a
 * seal records included), except that a role counts as having signed only for a signature that
 * verifies on the sealed manifest, never for an event alone (see {@link #pendingSignatures}). Each
 * answer is a list of its own that refuses changes ({@code CycleQueriesContract} checks it): an event
 * appended later is seen by the next question, never by a list already returned.
 *
 * <pre>{@code
 * List<String> states = new ArrayList<>();
 * for (CycleQueries.CycleSummary c : queries.portfolio()) {
 *     states.add(c.cycle() + " " + c.state());
 * }
 * List<CycleQueries.PendingSignatures> unsigned = queries.pendingSignatures(workspace.rulebook().signing());   // or Set.of("PM", "TechLead", "QA")
 * }</pre>
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface CycleQueries {

    /**
     * Every cycle with at least one event and the state its events lead to, sorted by stream then cycle id.
     *
     * @return every cycle with at least one event and the state its events lead to, sorted by stream then
     *         cycle id
     */
    List<CycleSummary> portfolio();

    /**
     * Sealed cycles, not completed, that lack a signature of one or more of {@code requiredRoles}
     * (the roles of the rulebook's signing policy), sorted by stream then cycle id.
     *
     * <p>"Signed" means a signature that verifies: in the cycle's sealed manifest, over that
     * manifest, by a key a trust file lists for the role. None counts on a manifest that replaced another
     * handoff of the cycle that a trusted key signed, in any version of its path in {@code HEAD}'s history, nor
     * in a shallow clone, where that cannot be told: {@code verify} refuses such a handoff
     * ({@code MANIFEST_INVALID}) whatever its signatures, so every role is missing and the entry's
     * {@link PendingSignatures#manifestRefused()} says why. A {@code SIGNATURE_ADDED} event alone
     * never makes a role signed (the log is not signed: anyone who can write it can add one); a role
     * such an event claims without a signature that verifies is reported in
     * {@link PendingSignatures#unverifiedRoles()} and stays missing. Queries built without a trust
     * file and the manifests (the events alone) therefore report every role as missing.
     *
     * <p>The roles are checked first, so that a misspelled one cannot make a false answer: at least
     * one is required, each a {@linkplain dev.planning.api.signing.Roles role name}, and the queries of
     * a workspace ({@link dev.planning.api.PlanningWorkspace#queries}) refuse a role its rulebook's
     * signing policy does not name ({@code "Qa"} where it names {@code QA}), as do those over a
     * workspace's files by path ({@code Planning.cycleQueries}) and the PostgreSQL store's
     * {@code queries(workspace, trust)} and {@code queries(path, trust)}, with an
     * {@link UnknownRoleException}; queries that know no rulebook (the PostgreSQL store's
     * {@code queries()}) check the form only. Prefer {@link #pendingSignatures()}, judged as
     * {@code verify} judges.
     *
     * <p>Each role is asked on its own, as if it were the requirement {@code 1 of [role]}: a key
     * trusted for two roles that signed as both counts for one of them, as {@code verify} counts it.
     * Each entry's {@link PendingSignatures#unmetRequirements()} holds {@code 1 of [role]}, with no
     * signer, for each missing role.
     *
     * @param requiredRoles the roles that must sign, at least one; never {@code null}
     * @return one entry per cycle with a role missing
     * @throws IllegalArgumentException when {@code requiredRoles} is empty, or ({@link UnknownRoleException})
     *                                  names a role the workspace's signing policy does not
     * @throws dev.planning.api.InvalidInputException when a role is not a role name
     */
    List<PendingSignatures> pendingSignatures(Set<String> requiredRoles);

    /**
     * Sealed cycles, not completed, whose signatures that verify do not meet {@code policy}, usually
     * the rulebook's ({@code workspace.rulebook().signing()}), sorted by stream then cycle id. Each
     * requirement is judged as {@code verify} judges it: met by at least {@code min} distinct keys,
     * each counted once, for the role of its first signature that verifies, whose role is one of the
     * requirement's. So {@code 2 of [PM]} signed by one PM key is pending, and {@code 1 of [TechLead,
     * QA]} signed by a TechLead is not. "Verifies" means what it means for
     * {@link #pendingSignatures(Set)}: an event alone counts for nothing. Each entry says what is
     * missing in {@link PendingSignatures#unmetRequirements()}. The policy's roles come from the
     * policy itself, so none can be misspelled; the queries of a workspace refuse one its rulebook's
     * signing policy does not name. A policy that requires no signature has nothing pending. Only
     * {@code policy} is judged: a trust file's own signing policy, which {@code verify} also applies,
     * is not; {@link #pendingSignatures()} judges both, as {@code verify} does.
     *
     * <pre>{@code
     * List<CycleQueries.PendingSignatures> pending = workspace.queries(trust)
     *         .pendingSignatures(workspace.rulebook().signing());
     * }</pre>
     *
     * <p>The default refuses with an {@link UnsupportedOperationException} (fail closed: the roles
     * {@link #pendingSignatures(Set)} reports signed cannot tell how many distinct keys signed); the
     * project's implementations answer it.
     *
     * @param policy the signing policy that must be met; never {@code null}
     * @return one entry per cycle whose signatures do not meet {@code policy}
     * @throws UnsupportedOperationException when the implementation cannot judge a policy
     * @since 0.1
     */
    default List<PendingSignatures> pendingSignatures(SigningPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        throw new UnsupportedOperationException("CycleQueries.pendingSignatures(SigningPolicy) is not supported by "
                + getClass().getName() + ": it cannot count the distinct keys a signing policy's requirements need");
    }

    /**
     * Sealed cycles that {@code verify} refuses for their signatures, sorted by stream then cycle id.
     *
     * <p>The promise: a sealed cycle is listed exactly while {@code verify} of it, under the same trust
     * file and rulebook, reports {@code THRESHOLD_NOT_MET}, that is while the signatures that count on
     * its manifest do not meet the signing policy {@code verify} applies. Both are the engine's own,
     * shared with {@code verify}, not a copy: the signatures that count are those {@code verify} counts (in
     * the cycle's manifest, verifying over it, each by a key the trust file lists for its role, one per
     * distinct key, for the role of its first such signature; an event alone counts for nothing, as for
     * {@link #pendingSignatures(Set)}); the policy is every requirement of the rulebook's signing policy
     * and of the trust file's ({@link dev.planning.api.signing.TrustedKeys#signing()}), each once, and
     * when neither requires a signature {@code verify}'s floor, one signature by a key the trust file
     * lists ({@code 1 of} the roles its keys are trusted for). So a handoff that meets the rulebook's
     * policy but not the trust file's is pending, a signature by a key the trust file lists only under
     * another role counts for no one, and one by a key a later trust file lists for its role counts under
     * that file. Each entry's {@link PendingSignatures#unmetRequirements()} says what is missing.
     *
     * <p>Completed cycles are judged too, unlike the questions of one policy or of roles: a completed
     * handoff met the policy when it moved on, but a policy raised since (a trust file asking more, a key
     * no longer listed for its role) makes {@code verify} refuse it, and every later handoff whose
     * {@code prior_manifest_id} chain names it ({@code verify} holds each prior manifest of the chain
     * sealed under the rulebook in hand to the same policy, counted the same way: {@code PRIOR_MANIFEST}).
     *
     * <p>The roles that must sign a handoff are those of the rulebook it was sealed under (SPEC §8: the manifest
     * records its {@code rulebook_hash}): the rulebook in hand's when it is that one; otherwise that rulebook's
     * signing policy, read from git at the manifest's {@code snapshot_rev} (the rulebook directory there whose
     * hash is the sealed one), with the trust file's and the floor, as {@code verify} of a later handoff holds a
     * prior sealed under another rulebook. {@code verify} of such a handoff itself refuses it for the rulebook
     * ({@code RULEBOOK_CHANGED}) whatever its signatures; this query says who must still sign it. When that
     * rulebook cannot be established (sealed with {@code --allow-dirty}, no repository, no such commit, another
     * rulebook there), the entry says so in {@link PendingSignatures#manifestRefused()}, no signature counts, and
     * its requirements are only those that hold whatever the rulebook (the trust file's, or the floor): no role is
     * guessed from the rulebook in hand. A completed cycle cannot be signed
     * any more ({@code sign} refuses), so such an entry (its {@link PendingSignatures#state()} is
     * {@code COMPLETED}) says why those handoffs fail, not who should sign.
     *
     * <p>One way only, failing closed, the two differ: a sealed cycle whose signatures cannot be counted on
     * the manifest its {@code MANIFEST_SEALED} event recorded (the manifest file is missing, does not read
     * as a manifest, or is not that one: another id, cycle or content; or it is, and replaced another handoff
     * of the cycle that a trusted key signed in {@code HEAD}'s history, or whether it did cannot be told in a
     * shallow clone) is listed with every requirement unmet, while {@code verify} refuses it for the manifest
     * ({@code MANIFEST_INVALID}, or the seal event check) and may or may not also report
     * {@code THRESHOLD_NOT_MET}. So the answer is never more reassuring than {@code verify}'s on signatures. Nothing else {@code verify} checks
     * is judged here (changed artifacts, the rulebook hash, the prior chain's other checks, waivers): a
     * handoff not listed may still fail {@code verify} for those.
     *
     * <pre>{@code
     * List<CycleQueries.PendingSignatures> pending = workspace.queries(trust).pendingSignatures();
     * }</pre>
     *
     * <p>Answered by the queries that know a workspace's rulebook and trust file
     * ({@link dev.planning.api.PlanningWorkspace#queries}, {@code Planning.cycleQueries(path, ...)}, the
     * PostgreSQL store's {@code queries(workspace, trust)} and {@code queries(path, trust)}); the default,
     * and queries that know no rulebook (the PostgreSQL store's {@code queries()}), refuse with an
     * {@link UnsupportedOperationException}. The {@code planning-testkit} module's
     * {@code CycleQueriesContract} checks the promise against {@code verify} with real signatures.
     *
     * @return one entry per sealed cycle whose signatures do not meet the workspace's signing policy
     * @throws UnsupportedOperationException when the queries know no rulebook
     * @throws dev.planning.api.InvalidInputException when the rulebook cannot be read, or when no policy
     *                                                requires a signature and no key is trusted (no
     *                                                handoff can verify)
     * @since 0.1
     */
    default List<PendingSignatures> pendingSignatures() {
        throw new UnsupportedOperationException("CycleQueries.pendingSignatures() is not supported by "
                + getClass().getName() + ": it knows no workspace's rulebook and trust file to judge against");
    }

    /**
     * Waivers the store's events record that expire on or before {@code until} (already expired
     * ones included), and every waiver with no expiry date (the riskiest: it never lapses); those
     * without an expiry first, then soonest first. The waivers come from two events: the
     * {@code MANIFEST_SEALED} event of each sealed cycle, which records every waiver of the cycle's
     * decision log as it was sealed (rule, item, approver, expiry), and {@code WAIVER_GRANTED} events
     * an application records with {@code PlanningWorkspace.record} (details {@code rule}, {@code item},
     * {@code approver}, optionally {@code expires}). A waiver added to a decision log after its cycle
     * was sealed, or in a cycle never sealed, is not seen. An expiry that cannot be read counts as
     * already expired ({@link LocalDate#MIN}).
     *
     * @param until the last day
     * @return the waivers, those without an expiry first
     */
    List<WaiverExpiry> expiringWaivers(LocalDate until);

    /**
     * Refused transitions at or after {@code since}, newest first, at most {@code limit}.
     *
     * @param since the earliest moment
     * @param limit the most to return
     * @return the refusals, newest first
     */
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
        /**
         * Creates the record; the class comment says what each component holds.
         *
         * @param cycle the cycle, never {@code null}
         * @param state the state its events lead to, never {@code null}
         * @param events how many events its log holds
         * @param updatedAt the timestamp of its last event, never {@code null}
         */
        public CycleSummary {
            Objects.requireNonNull(cycle, "cycle");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }

    /**
     * A sealed cycle and what it still lacks: the requirements its signatures do not meet.
     *
     * @param cycle             the cycle, never {@code null}
     * @param state             its state, never {@code null}
     * @param signedRoles       roles whose signature on the sealed manifest verifies, sorted
     * @param unverifiedRoles   roles a {@code SIGNATURE_ADDED} event claims but no signature that
     *                          verifies backs (a forged event, an untrusted key, a changed manifest,
     *                          or queries without a trust file), sorted
     * @param missingRoles      the roles of the unmet requirements, sorted, never empty: a signature by
     *                          one of them, by a key not yet counted, is what is missing (asked by
     *                          roles: the required roles not in {@code signedRoles}; asked by a policy,
     *                          a role may be in both, as {@code PM} for {@code 2 of [PM]} signed once)
     * @param unmetRequirements each requirement not met, in the policy's order (asked by roles:
     *                          {@code 1 of [role]} per missing role), with how many signers count for
     *                          it; never empty
     * @param manifestRefused   why {@code verify} refuses the cycle for its manifest file whatever its
     *                          signatures, naming the file: it is missing, does not read as a manifest, or
     *                          is not the manifest its {@code MANIFEST_SEALED} event recorded (replaced or
     *                          rewritten since the seal), or replaced another handoff of the cycle that a
     *                          trusted key signed in {@code HEAD}'s history (or whether it did cannot be told
     *                          in a shallow clone). No signature on such a file counts, so every
     *                          requirement is unmet, and no signature can help: the sealed manifest must
     *                          be restored (the handoff of record). Empty otherwise, and from queries that read no manifest (those
     *                          over events alone, which verify no signature)
     */
    record PendingSignatures(CycleRef cycle, CycleState state, List<String> signedRoles, List<String> unverifiedRoles,
            List<String> missingRoles, List<UnmetRequirement> unmetRequirements, Optional<String> manifestRefused) {
        /**
         * Creates the record; the class comment says what each component holds.
         *
         * @param cycle the cycle, never {@code null}
         * @param state its state, never {@code null}
         * @param signedRoles roles whose signature on the sealed manifest verifies, sorted
         * @param unverifiedRoles roles a {@code SIGNATURE_ADDED} event claims but no signature that verifies
         *                        backs (a forged event, an untrusted key, a changed manifest, or queries
         *                        without a trust file), sorted
         * @param missingRoles the roles of the unmet requirements, sorted, never empty
         * @param unmetRequirements each requirement not met, with how many signers count for it; never empty
         * @param manifestRefused why verify refuses the cycle for its manifest file, naming it; empty when it does not
         */
        public PendingSignatures {
            Objects.requireNonNull(cycle, "cycle");
            Objects.requireNonNull(state, "state");
            signedRoles = List.copyOf(signedRoles);
            unverifiedRoles = List.copyOf(unverifiedRoles);
            missingRoles = List.copyOf(missingRoles);
            unmetRequirements = List.copyOf(unmetRequirements);
            Objects.requireNonNull(manifestRefused, "manifestRefused");
        }

        /**
         * A cycle whose manifest file is the sealed one (or was not examined): {@link #manifestRefused()} empty.
         *
         * @param cycle the cycle, never {@code null}
         * @param state its state, never {@code null}
         * @param signedRoles roles whose signature on the sealed manifest verifies, sorted
         * @param unverifiedRoles roles a {@code SIGNATURE_ADDED} event claims but no signature that verifies backs
         * @param missingRoles the roles of the unmet requirements, sorted, never empty
         * @param unmetRequirements each requirement not met, with how many signers count for it; never empty
         */
        public PendingSignatures(CycleRef cycle, CycleState state, List<String> signedRoles,
                List<String> unverifiedRoles, List<String> missingRoles, List<UnmetRequirement> unmetRequirements) {
            this(cycle, state, signedRoles, unverifiedRoles, missingRoles, unmetRequirements, Optional.empty());
        }
    }

    /**
     * A requirement of a signing policy that a cycle's signatures do not meet.
     *
     * @param requirement the requirement, never {@code null}
     * @param signers     how many distinct keys that count signed for it, fewer than its {@code min}
     * @since 0.1
     */
    record UnmetRequirement(SigningRequirement requirement, int signers) {
        /**
         * Creates the record; the class comment says what each component holds.
         *
         * @param requirement the requirement, never {@code null}
         * @param signers how many distinct keys that count signed for it, fewer than its {@code min}
         * @throws IllegalArgumentException when {@code signers} is negative or meets the requirement
         */
        public UnmetRequirement {
            Objects.requireNonNull(requirement, "requirement");
            if (signers < 0 || signers >= requirement.min()) {
                throw new IllegalArgumentException("an unmet requirement " + requirement.describe()
                        + " has 0 to " + (requirement.min() - 1) + " signers, not " + signers);
            }
        }

        /**
         * How many more distinct signers it needs.
         *
         * @return {@code requirement().min() - signers()}, at least 1
         */
        public int missing() {
            return requirement.min() - signers;
        }
    }

    /**
     * The refusal of a role that a pending-signatures question asks about but the workspace's signing
     * policy does not name ({@code "Qa"} where it names {@code QA}): the caller's mistake, which could only
     * ever be reported missing. A subclass of {@link IllegalArgumentException}, as the questions document,
     * so that a caller can tell it from any other (the command line reports it as a user error, exit 2,
     * and nothing else).
     *
     * @since 0.1
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    final class UnknownRoleException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        /** The role asked about, as asked. */
        private final String role;

        /**
         * Creates the refusal.
         *
         * @param role    the role asked about, never {@code null}
         * @param message what is wrong and what the policy names, never {@code null}
         */
        public UnknownRoleException(String role, String message) {
            super(Objects.requireNonNull(message, "message"));
            this.role = Objects.requireNonNull(role, "role");
        }

        /**
         * The role asked about, as asked.
         *
         * @return the role asked about, never {@code null}
         */
        public String role() {
            return role;
        }
    }

    /**
     * A waiver and when it expires.
     *
     * @param cycle   the cycle whose log recorded it, never {@code null}
     * @param eventId the event that recorded it ({@code MANIFEST_SEALED} or {@code WAIVER_GRANTED}), never
     *                {@code null}
     * @param expires the last day it applies; empty when the waiver has no expiry date
     * @param rule    the waived rule, when recorded
     * @param item    the waived item, when recorded
     * @param approver who approved it, when recorded
     */
    record WaiverExpiry(CycleRef cycle, String eventId, Optional<LocalDate> expires, Optional<String> rule,
            Optional<String> item, Optional<String> approver) {
        /**
         * Creates the record; the class comment says what each component holds.
         *
         * @param cycle the cycle whose log recorded it, never {@code null}
         * @param eventId the event that recorded it ({@code MANIFEST_SEALED} or {@code WAIVER_GRANTED}),
         *                never {@code null}
         * @param expires the last day it applies; empty when the waiver has no expiry date
         * @param rule the waived rule, when recorded
         * @param item the waived item, when recorded
         * @param approver who approved it, when recorded
         */
        public WaiverExpiry {
            Objects.requireNonNull(cycle, "cycle");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(expires, "expires");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(approver, "approver");
        }

        /**
         * Whether the waiver has no expiry date: it never lapses.
         *
         * @return whether the waiver has no expiry date: it never lapses
         */
        public boolean noExpiry() {
            return expires.isEmpty();
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
        /**
         * Creates the record; the class comment says what each component holds.
         *
         * @param cycle the cycle, never {@code null}
         * @param eventId the {@code TRANSITION_REFUSED} event, never {@code null}
         * @param at when, never {@code null}
         * @param from the state it was refused in, when recorded
         * @param requested the state that was asked for, when recorded
         * @param gateResults gate name to status, in recorded order
         */
        public Refusal {
            Objects.requireNonNull(cycle, "cycle");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(requested, "requested");
            gateResults = Collections.unmodifiableMap(new LinkedHashMap<>(gateResults));
        }
    }
}
