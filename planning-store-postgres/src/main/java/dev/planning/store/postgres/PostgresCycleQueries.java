package dev.planning.store.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.PlanningException;
import dev.planning.api.Printable;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.eventlog.EventLogQueries;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.seal.SignedRoles;
import dev.planning.engine.internal.seal.SigningThreshold;
import dev.planning.engine.internal.seal.WaiverFacts;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** {@link CycleQueries} over the event and cycle tables of one repository. */
final class PostgresCycleQueries implements CycleQueries {

    private static final ObjectMapper MAPPER = JsonMappers.json();

    private final Transactions transactions;
    private final String repository;
    private final EventLineCodec codec = new EventLineCodec();
    private final Optional<SignedRoles> signatures;
    private final Optional<Supplier<SigningPolicy>> policy;
    private final TrustedKeys trust;
    private final Optional<CycleQueries> fromLines;

    /** @param signatures checks which roles' signatures verify; without it no role counts as signed */
    PostgresCycleQueries(Transactions transactions, String repository, Optional<SignedRoles> signatures) {
        this(transactions, repository, signatures, Optional.empty(), TrustedKeys.none(), Optional.empty());
    }

    /**
     * @param signatures checks which roles' signatures verify; without it no role counts as signed
     * @param policy     the workspace's rulebook's signing policy (asked only by a pending-signatures
     *                   question): a required role must be one it names, and with {@code trust}'s it is
     *                   the workspace's policy; without it a role is checked for its form only
     * @param trust      the keys trusted, whose own signing policy {@code verify} also applies
     * @param fromLines  the same questions over the cycles' lines, chains verified, which the
     *                   pending-signatures questions ask when given: which cycles are sealed and where they
     *                   stand is then the lines' say, not the columns' and the {@code planning_cycle} row's,
     *                   which an edit of one column could change unseen (attack21)
     */
    PostgresCycleQueries(Transactions transactions, String repository, Optional<SignedRoles> signatures,
            Optional<Supplier<SigningPolicy>> policy, TrustedKeys trust, Optional<CycleQueries> fromLines) {
        this.fromLines = Objects.requireNonNull(fromLines, "fromLines");
        this.transactions = transactions;
        this.repository = repository;
        this.signatures = signatures;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.trust = Objects.requireNonNull(trust, "trust");
    }

    /**
     * One indexed read of the per-cycle rows kept by each append, in one round trip (auto-commit, so
     * no transaction to open and close, and every row in one fetch); the time travels as
     * microseconds since the epoch, which is cheaper to read than a timestamp's text.
     */
    @Override
    public List<CycleSummary> portfolio() {
        return transactions.autoCommit("query the portfolio", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT stream, cycle_id, state, events, " + Micros.of("updated_at")
                            + " FROM planning_cycle WHERE repository = ? ORDER BY stream, cycle_id")) {
                select.setString(1, repository);
                List<CycleSummary> cycles = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        CycleRef cycle = cycle("planning_cycle", rs.getString(1), rs.getString(2));
                        cycles.add(new CycleSummary(cycle, state("planning_cycle", cycle, rs.getString(3)), rs.getInt(4),
                                Micros.instant(rs.getLong(5))));
                    }
                }
                return List.copyOf(cycles);
            }
        });
    }

    /**
     * Sealed, not completed cycles with the roles their {@code SIGNATURE_ADDED} rows claim and their
     * (last) {@code MANIFEST_SEALED} row's details; a role counts as signed only when its signature
     * verifies ({@link SignedRoles}), never for a row alone.
     */
    @Override
    public List<PendingSignatures> pendingSignatures(Set<String> requiredRoles) {
        if (fromLines.isPresent()) {
            return fromLines.get().pendingSignatures(requiredRoles);
        }
        Set<String> required = EventLogQueries.requiredRoles(requiredRoles);
        policy.ifPresent(p -> EventLogQueries.requireNamedBy(p.get(), required));
        return pending(EventLogQueries.eachOnce(required), false);
    }

    /** Judged as {@code verify} judges the policy, as the file store's queries judge it ({@link EventLogQueries#of}). */
    @Override
    public List<PendingSignatures> pendingSignatures(SigningPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (fromLines.isPresent()) {
            return fromLines.get().pendingSignatures(policy);
        }
        if (policy.required().isEmpty()) {
            return List.of();
        }
        this.policy.ifPresent(p -> EventLogQueries.requireNamedBy(p.get(), EventLogQueries.rolesOf(policy)));
        return pending(policy, false);
    }

    /**
     * Judged against the rulebook's signing policy and the trust file's, as {@code verify} judges: every
     * sealed cycle, completed ones included (a policy raised since makes {@code verify} refuse a completed
     * handoff, and every later one whose {@code prior_manifest_id} chain names it).
     */
    @Override
    public List<PendingSignatures> pendingSignatures() {
        if (fromLines.isPresent()) {
            return fromLines.get().pendingSignatures();
        }
        SigningPolicy rulebook = policy.orElseThrow(() -> new UnsupportedOperationException("these queries know"
                + " no rulebook: ask PostgresStore.queries(workspace, trust), or pendingSignatures(SigningPolicy)"))
                .get();
        return pending(SigningThreshold.effective(rulebook, trust), true);
    }

    /** @param completedToo whether a completed cycle is judged too (else skipped) */
    private List<PendingSignatures> pending(SigningPolicy required, boolean completedToo) {
        return transactions.inTransaction("query pending signatures", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT e.stream, e.cycle_id, c.state,"
                            + " array_remove(array_agg(DISTINCT CASE WHEN e.event_type = 'SIGNATURE_ADDED'"
                            + " THEN e.details->>'role' END), NULL),"
                            + " (array_agg(e.details::text ORDER BY e.seq DESC)"
                            + " FILTER (WHERE e.event_type = 'MANIFEST_SEALED'))[1]"
                            + " FROM planning_event e JOIN planning_cycle c"
                            + " ON c.repository = e.repository AND c.stream = e.stream AND c.cycle_id = e.cycle_id"
                            + " WHERE e.repository = ? AND e.event_type IN ('MANIFEST_SEALED', 'SIGNATURE_ADDED')"
                            + (completedToo ? "" : " AND c.state <> 'COMPLETED'")
                            + " GROUP BY e.stream, e.cycle_id, c.state"
                            + " HAVING bool_or(e.event_type = 'MANIFEST_SEALED')"
                            + " ORDER BY e.stream, e.cycle_id")) {
                select.setString(1, repository);
                List<PendingSignatures> pending = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        CycleRef cycle = cycle("planning_event", rs.getString(1), rs.getString(2));
                        Set<String> claimed = new TreeSet<>(List.of((String[]) rs.getArray(4).getArray()));
                        Map<String, String> sealed = details(rs.getString(5));
                        SignedRoles.Count counted = signatures.map(s -> s.count(cycle, sealed))
                                .orElse(SignedRoles.Count.NONE);
                        EventLogQueries.of(cycle, state("planning_cycle", cycle, rs.getString(3)), required, claimed,
                                counted)
                                .ifPresent(pending::add);
                    }
                }
                return List.copyOf(pending);
            }
        });
    }

    /** The waivers of {@code MANIFEST_SEALED} and {@code WAIVER_GRANTED} rows, read as the file store reads them. */
    @Override
    public List<WaiverExpiry> expiringWaivers(LocalDate until) {
        Objects.requireNonNull(until, "until");
        return transactions.inTransaction("query expiring waivers", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT stream, cycle_id, event_id, event_type, details FROM planning_event"
                            + " WHERE repository = ? AND (event_type = 'WAIVER_GRANTED'"
                            + " OR event_type = 'MANIFEST_SEALED' AND details->>'" + WaiverFacts.COUNT + "' IS NOT NULL)")) {
                select.setString(1, repository);
                List<WaiverExpiry> waivers = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        // The WHERE clause admits only the two types it names.
                        waivers.addAll(WaiverFacts.of(cycle("planning_event", rs.getString(1), rs.getString(2)),
                                rs.getString(3), EventType.valueOf(rs.getString(4)), details(rs.getString(5))));
                    }
                }
                return WaiverFacts.expiringBy(waivers, until);
            }
        });
    }

    @Override
    public List<Refusal> recentRefusals(Instant since, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return transactions.inTransaction("query recent refusals", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT stream, cycle_id, line FROM planning_event"
                            + " WHERE repository = ? AND event_type = 'TRANSITION_REFUSED' AND occurred_at >= ?"
                            + " ORDER BY occurred_at DESC, stream, cycle_id, seq DESC LIMIT ?")) {
                select.setString(1, repository);
                select.setTimestamp(2, Timestamp.from(since));
                select.setInt(3, limit);
                List<Refusal> refusals = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        PlanningEvent event = codec.decode(rs.getBytes(3)).event();
                        if (event.type() != EventType.TRANSITION_REFUSED) {
                            // The row's type column says refusal, its line does not: never shown as one.
                            throw edited("planning_event", "stream '" + rs.getString(1) + "' and cycle '"
                                    + rs.getString(2) + "' with event " + event.id() + " of type TRANSITION_REFUSED",
                                    "its line is a " + event.type());
                        }
                        refusals.add(new Refusal(cycle("planning_event", rs.getString(1), rs.getString(2)), event.id(),
                                event.timestamp(), event.fromState(), event.toState(), event.gateResults()));
                    }
                }
                return List.copyOf(refusals);
            }
        });
    }

    /**
     * The cycle a row names, or a refusal naming the row: no append writes a stream or cycle id that
     * {@link CycleRef} refuses, so such a row was written around the store (and is not this command's
     * argument, which the bare refusal would read as).
     */
    private CycleRef cycle(String table, String stream, String cycleId) {
        try {
            return new CycleRef(stream, cycleId);
        } catch (PlanningException | IllegalArgumentException e) {
            throw edited(table, "stream '" + stream + "' and cycle '" + cycleId + "'", e.getMessage());
        }
    }

    /** A portfolio row's state, or a refusal naming the row: an append writes only the lifecycle's states. */
    private CycleState state(String table, CycleRef cycle, String state) {
        try {
            return CycleState.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw edited(table, "cycle " + cycle + " and state '" + state + "'", "not a state of the lifecycle");
        }
    }

    private PlanningException edited(String table, String what, String why) {
        return new PlanningException(Printable.line("a row of " + table + " in repository " + repository + " names "
                + what + ", which no append writes (" + why + "): the row was changed in the database, not by this"
                + " tool; `planning store check` reports every row that does not match its lines"));
    }

    /** A row's details as the event holds them: text values only (every detail an event records is text). */
    private static Map<String, String> details(String text) throws SQLException {
        JsonNode details;
        try {
            details = MAPPER.readTree(text);
        } catch (IOException e) {
            throw new SQLException("unreadable details: " + e.getMessage(), e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : details.properties()) {
            map.put(f.getKey(), f.getValue().isTextual() ? f.getValue().textValue() : f.getValue().toString());
        }
        return map;
    }

}
