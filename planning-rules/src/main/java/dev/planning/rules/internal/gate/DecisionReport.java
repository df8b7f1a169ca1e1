package dev.planning.rules.internal.gate;

import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.Violation;
import dev.planning.api.governance.ViolationSeverity;
import dev.planning.api.governance.Waiver;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders a governance decision as gate findings and JSON-compatible evidence. */
final class DecisionReport {

    private DecisionReport() {
    }

    /**
     * The decision's findings; an unused or expired waiver is reported at the decision log that holds
     * it ({@code decisionLog}, a workspace path), so code hosts annotate that file and no other.
     */
    static List<Finding> findings(GovernanceDecision decision, List<Waiver> waivers, LocalDate today, String decisionLog) {
        List<Finding> findings = new ArrayList<>();
        for (Violation v : decision.violations()) {
            Severity severity = v.severity() == ViolationSeverity.CRITICAL ? Severity.ERROR : Severity.WARNING;
            findings.add(new Finding("governance." + v.rule(), severity, describe(v), v.location(), Optional.of(v.item()),
                    v.facts(), v.hint()));
        }
        for (Violation v : decision.waived()) {
            Waiver waiver = waivers.stream().filter(w -> w.activeOn(today) && w.covers(v)).findFirst().orElseThrow();
            findings.add(new Finding("governance.waived", Severity.INFO, describe(v) + " [waived until " + waiver.expires()
                    + " by " + Printable.line(waiver.approver()) + ": " + Printable.line(waiver.reason()) + "]", v.location(), Optional.of(v.item()),
                    v.facts(), Optional.empty()));
        }
        for (Waiver w : decision.unusedWaivers()) {
            String why = w.activeOn(today)
                    ? "matched no violation; remove it from the decision log"
                    : "expired on " + w.expires() + " and waives nothing";
            findings.add(new Finding("governance.unused-waiver", Severity.INFO,
                    "waiver of " + Printable.line(w.rule()) + " for " + Printable.line(w.item()) + " " + why,
                    Optional.of(SourceLocation.ofFile(decisionLog)), Optional.of(w.item())));
        }
        return findings;
    }

    static Map<String, Object> evidence(GovernanceDecision decision, List<Waiver> waivers, LocalDate today, String decisionLog) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("rulebook_hash", decision.rulebookHash());
        evidence.put("judged_on", today.toString());
        evidence.put("critical_violations", decision.criticalCount());
        evidence.put("violations", decision.violations().stream().map(DecisionReport::violation).toList());
        evidence.put("waived", decision.waived().stream().map(DecisionReport::violation).toList());
        evidence.put("waivers_used", waivers.stream().filter(w -> !decision.unusedWaivers().contains(w))
                .map(DecisionReport::waiver).toList());
        evidence.put("unused_waivers", decision.unusedWaivers().stream().map(DecisionReport::waiver).toList());
        evidence.put("rules_fired", decision.rulesFired());
        evidence.put("input_digests", decision.inputDigests());
        evidence.put("decision_log_ref", decisionLog);
        return evidence;
    }

    private static String describe(Violation v) {
        // Each value quoted where the message is built (text40): the finding is shown again with Printable.shown,
        // which leaves a backslash as it is, so a rule's message or an item id written as a line feed's escape
        // would read as one.
        return Printable.line(v.item()) + " violates " + Printable.line(v.rule()) + ": " + Printable.line(v.message());
    }

    private static Map<String, Object> violation(Violation v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rule", v.rule());
        out.put("item", v.item());
        out.put("severity", v.severity().name());
        out.put("message", v.message());
        out.put("metadata", v.metadata());
        out.put("facts", v.facts());
        v.hint().ifPresent(h -> out.put("hint", h));
        v.location().ifPresent(l -> out.put("location", l.toString()));
        return out;
    }

    private static Map<String, Object> waiver(Waiver w) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rule", w.rule());
        out.put("item", w.item());
        out.put("reason", w.reason());
        out.put("approver", w.approver());
        out.put("expires", w.expires().toString());
        return out;
    }
}
