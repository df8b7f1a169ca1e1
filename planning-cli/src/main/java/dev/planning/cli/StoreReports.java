package dev.planning.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.planning.api.store.CycleQueries;
import dev.planning.store.postgres.PostgresStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code --format json} documents of the {@code store} queries, as records in the order their
 * fields are written (snake_case names); a value a query did not record is written as {@code null}.
 */
final class StoreReports {

    private StoreReports() {
    }

    /** {@code store portfolio}. */
    record Portfolio(String store, List<Cycle> cycles) {
    }

    /** One cycle of the portfolio. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Cycle(String cycle, String state, int events, String updatedAt) {
    }

    static Portfolio portfolio(String name, List<CycleQueries.CycleSummary> cycles) {
        return new Portfolio(name, cycles.stream().map(c -> new Cycle(c.cycle().toString(), c.state().name(),
                c.events(), c.updatedAt().toString())).toList());
    }

    /**
     * {@code store pending-signatures}: the roles asked for, sorted ({@code null} when the workspace's
     * signing policy was judged), and each cycle that lacks a signature.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PendingSignatures(String store, List<String> requiredRoles, List<Pending> cycles) {
    }

    /**
     * One cycle waiting for signatures, with each requirement its signatures do not meet, and
     * ({@code manifest_refused}, only when so) why verify refuses its manifest file whatever its signatures.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Pending(String cycle, String state, List<String> signedRoles, List<String> unverifiedRoles,
            List<String> missingRoles, List<Unmet> unmetRequirements,
            @JsonInclude(JsonInclude.Include.NON_NULL) String manifestRefused) {
    }

    /**
     * An unmet requirement: its roles and {@code min}, how many distinct keys that verify signed for it
     * ({@code signers}), how many more are needed ({@code missing}).
     */
    record Unmet(List<String> roles, int min, int signers, int missing) {
    }

    static PendingSignatures pendingSignatures(String name, List<String> roles,
            List<CycleQueries.PendingSignatures> pending) {
        return new PendingSignatures(name, roles == null ? null : List.copyOf(new TreeSet<>(roles)), pending.stream()
                .map(p -> new Pending(p.cycle().toString(), p.state().name(), p.signedRoles(), p.unverifiedRoles(),
                        p.missingRoles(), p.unmetRequirements().stream().map(u -> new Unmet(u.requirement().roles(),
                                u.requirement().min(), u.signers(), u.missing())).toList(),
                        p.manifestRefused().orElse(null))).toList());
    }

    /** {@code store expiring-waivers}. */
    record ExpiringWaivers(String store, String until, List<WaiverJson> waivers) {
    }

    /** One waiver; {@code expires}, {@code rule}, {@code item} and {@code approver} are null when not recorded. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WaiverJson(String cycle, String eventId, String expires, boolean noExpiry, String rule, String item,
            String approver) {
    }

    static ExpiringWaivers expiringWaivers(String name, LocalDate date, List<CycleQueries.WaiverExpiry> waivers) {
        return new ExpiringWaivers(name, date.toString(), waivers.stream()
                .map(w -> new WaiverJson(w.cycle().toString(), w.eventId(),
                        w.expires().map(LocalDate::toString).orElse(null), w.noExpiry(), w.rule().orElse(null),
                        w.item().orElse(null), w.approver().orElse(null))).toList());
    }

    /** {@code store refusals}. */
    record Refusals(String store, String since, int limit, List<RefusalJson> refusals) {
    }

    /** One refused transition; {@code from} and {@code requested} are null when not recorded. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RefusalJson(String cycle, String eventId, String at, String from, String requested,
            Map<String, String> gateResults) {
    }

    static Refusals refusals(String name, Instant from, int limit, List<CycleQueries.Refusal> refusals) {
        return new Refusals(name, from.toString(), limit, refusals.stream().map(r -> {
            Map<String, String> gates = new LinkedHashMap<>();
            r.gateResults().forEach((gate, status) -> gates.put(gate, status.name()));
            return new RefusalJson(r.cycle().toString(), r.eventId(), r.at().toString(),
                    r.from().map(Enum::name).orElse(null), r.requested().map(Enum::name).orElse(null), gates);
        }).toList());
    }

    /**
     * {@code store check}: what was read, how many mistakes were found ({@code mistakes_total}: listed or not, the
     * text's total; a cycle's first 50 are listed, then one entry counting the rest) and every entry ({@code ok} when
     * there is none).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Check(String store, boolean ok, int cycles, long lines, long mistakesTotal, List<MistakeJson> mistakes) {
    }

    /** One mistake: where ({@code cycle} is stream/cycle) and what was expected and found. */
    record MistakeJson(String location, String cycle, int line, String message) {
    }

    static Check check(String name, PostgresStore.CheckResult result) {
        return new Check(name, result.ok(), result.cycles(), result.lines(), result.found(), result.mistakes().stream()
                .map(m -> new MistakeJson(m.location(), m.stream() + "/" + m.cycle(), m.line(), m.message()))
                .toList());
    }
}
