package dev.planning.store.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.store.CycleQueries;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** {@link CycleQueries} over the event and cycle tables of one repository. */
final class PostgresCycleQueries implements CycleQueries {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Transactions transactions;
    private final String repository;
    private final EventLineCodec codec = new EventLineCodec();

    PostgresCycleQueries(Transactions transactions, String repository) {
        this.transactions = transactions;
        this.repository = repository;
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
                    "SELECT stream, cycle_id, state, events,"
                            + " (extract(epoch FROM updated_at) * 1000000)::int8 FROM planning_cycle WHERE repository = ?"
                            + " ORDER BY stream, cycle_id")) {
                select.setString(1, repository);
                List<CycleSummary> cycles = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        long micros = rs.getLong(5);
                        cycles.add(new CycleSummary(new CycleRef(rs.getString(1), rs.getString(2)),
                                CycleState.valueOf(rs.getString(3)), rs.getInt(4),
                                Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                                        Math.floorMod(micros, 1_000_000L) * 1000L)));
                    }
                }
                return cycles;
            }
        });
    }

    @Override
    public List<PendingSignatures> pendingSignatures(Set<String> requiredRoles) {
        Set<String> required = new TreeSet<>(requiredRoles);
        return transactions.inTransaction("query pending signatures", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT e.stream, e.cycle_id, c.state,"
                            + " array_remove(array_agg(DISTINCT CASE WHEN e.event_type = 'SIGNATURE_ADDED'"
                            + " THEN e.details->>'role' END), NULL)"
                            + " FROM planning_event e JOIN planning_cycle c"
                            + " ON c.repository = e.repository AND c.stream = e.stream AND c.cycle_id = e.cycle_id"
                            + " WHERE e.repository = ? AND e.event_type IN ('MANIFEST_SEALED', 'SIGNATURE_ADDED')"
                            + " AND c.state <> 'COMPLETED'"
                            + " GROUP BY e.stream, e.cycle_id, c.state"
                            + " HAVING bool_or(e.event_type = 'MANIFEST_SEALED')"
                            + " ORDER BY e.stream, e.cycle_id")) {
                select.setString(1, repository);
                List<PendingSignatures> pending = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Set<String> signed = new TreeSet<>(List.of((String[]) rs.getArray(4).getArray()));
                        Set<String> missing = new TreeSet<>(required);
                        missing.removeAll(signed);
                        if (!missing.isEmpty()) {
                            pending.add(new PendingSignatures(new CycleRef(rs.getString(1), rs.getString(2)),
                                    CycleState.valueOf(rs.getString(3)), List.copyOf(signed), List.copyOf(missing)));
                        }
                    }
                }
                return pending;
            }
        });
    }

    @Override
    public List<WaiverExpiry> expiringWaivers(LocalDate until) {
        return transactions.inTransaction("query expiring waivers", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT stream, cycle_id, event_id, details FROM planning_event"
                            + " WHERE repository = ? AND event_type = 'WAIVER_GRANTED' AND details->>'expires' IS NOT NULL")) {
                select.setString(1, repository);
                List<WaiverExpiry> waivers = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        JsonNode details = json(rs.getString(4));
                        // Fail closed: an expiry that cannot be read counts as already expired.
                        LocalDate expires = date(details.path("expires").asText()).orElse(LocalDate.MIN);
                        if (!expires.isAfter(until)) {
                            waivers.add(new WaiverExpiry(new CycleRef(rs.getString(1), rs.getString(2)),
                                    rs.getString(3), expires, text(details, "rule"), text(details, "item"),
                                    text(details, "approver")));
                        }
                    }
                }
                waivers.sort(Comparator.comparing(WaiverExpiry::expires)
                        .thenComparing(w -> w.cycle().toString()));
                return waivers;
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
                        refusals.add(new Refusal(new CycleRef(rs.getString(1), rs.getString(2)), event.id(),
                                event.timestamp(), event.fromState(), event.toState(), event.gateResults()));
                    }
                }
                return refusals;
            }
        });
    }

    private static JsonNode json(String text) throws SQLException {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new SQLException("unreadable details: " + e.getMessage(), e);
        }
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode details, String field) {
        JsonNode node = details.get(field);
        return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }
}
