package dev.planning.cli;

import dev.planning.api.store.CycleQueries;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --format json} documents of the {@code store} queries. */
final class StoreReports {

    private StoreReports() {
    }

    /** {@code store portfolio}. */
    static Object portfolio(String name, List<CycleQueries.CycleSummary> cycles) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("store", name);
        json.put("cycles", cycles.stream().map(c -> {
            Map<String, Object> cycle = new LinkedHashMap<>();
            cycle.put("cycle", c.cycle().toString());
            cycle.put("state", c.state().name());
            cycle.put("events", c.events());
            cycle.put("updated_at", c.updatedAt().toString());
            return cycle;
        }).toList());
        return json;
    }

    /** {@code store pending-signatures}. */
    static Object pendingSignatures(String name, List<String> roles, List<CycleQueries.PendingSignatures> pending) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("store", name);
        json.put("required_roles", new java.util.TreeSet<>(roles).stream().toList());
        json.put("cycles", pending.stream().map(p -> {
            Map<String, Object> cycle = new LinkedHashMap<>();
            cycle.put("cycle", p.cycle().toString());
            cycle.put("state", p.state().name());
            cycle.put("signed_roles", p.signedRoles());
            cycle.put("unverified_roles", p.unverifiedRoles());
            cycle.put("missing_roles", p.missingRoles());
            return cycle;
        }).toList());
        return json;
    }

    /** {@code store expiring-waivers}. */
    static Object expiringWaivers(String name, LocalDate date, List<CycleQueries.WaiverExpiry> waivers) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("store", name);
        json.put("until", date.toString());
        json.put("waivers", waivers.stream().map(w -> {
            Map<String, Object> waiver = new LinkedHashMap<>();
            waiver.put("cycle", w.cycle().toString());
            waiver.put("event_id", w.eventId());
            waiver.put("expires", w.expires().map(LocalDate::toString).orElse(null));
            waiver.put("no_expiry", w.noExpiry());
            waiver.put("rule", w.rule().orElse(null));
            waiver.put("item", w.item().orElse(null));
            waiver.put("approver", w.approver().orElse(null));
            return waiver;
        }).toList());
        return json;
    }

    /** {@code store refusals}. */
    static Object refusals(String name, Instant from, int limit, List<CycleQueries.Refusal> refusals) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("store", name);
        json.put("since", from.toString());
        json.put("limit", limit);
        json.put("refusals", refusals.stream().map(r -> {
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("cycle", r.cycle().toString());
            refusal.put("event_id", r.eventId());
            refusal.put("at", r.at().toString());
            refusal.put("from", r.from().map(Enum::name).orElse(null));
            refusal.put("requested", r.requested().map(Enum::name).orElse(null));
            Map<String, String> gates = new LinkedHashMap<>();
            r.gateResults().forEach((gate, status) -> gates.put(gate, status.name()));
            refusal.put("gate_results", gates);
            return refusal;
        }).toList());
        return json;
    }
}
