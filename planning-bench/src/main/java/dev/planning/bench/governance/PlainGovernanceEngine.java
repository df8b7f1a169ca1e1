package dev.planning.bench.governance;

import dev.planning.api.SourceLocation;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.governance.Violation;
import dev.planning.api.governance.Waiver;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.rules.facts.CrossStreamRefFact;
import dev.planning.rules.facts.GovernanceFacts;
import dev.planning.rules.facts.Report;
import dev.planning.rules.facts.RulebookFacts;
import dev.planning.rules.facts.TaskFact;
import dev.planning.rules.internal.drools.InputDigests;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The default rulebook's policies ({@code critical.drl}, {@code compliance.drl},
 * {@code hygiene.drl}) written as plain Java: the benchmark's baseline for the Drools engine.
 *
 * <p>It sees the same facts (built by {@link GovernanceFacts}), reports the same violations with
 * the same rule names, severities, metadata and messages, applies waivers the same way and
 * records the same input digests, so that a {@link GovernanceDecision} from either engine is
 * equal; a unit test holds them to that. It is kept here, not in the product: policies belong in
 * the rulebook, where rule authors change them without a release.
 *
 * @since 0.1
 */
public final class PlainGovernanceEngine implements GovernanceEngine {

    private static final String SOLUTION = Violation.SOLUTION;
    private static final Comparator<Violation> ORDER = Comparator.comparing(Violation::rule)
            .thenComparing(Violation::item)
            .thenComparing(Violation::message);
    /** Each rule's metadata as the default rulebook declares it ({@code @severity}, {@code @solution}, ...). */
    private static final Map<String, Map<String, String>> METADATA = Map.ofEntries(
            critical("critical-approvals",
                    "Collect the missing approvals, or lower the criticality if the item is not critical"),
            critical("critical-review-board", "Get the review board to sign off and record it in controls.review_board"),
            critical("critical-emergency-contact", "Name who is called when the change fails in controls.emergency_contact"),
            critical("critical-rollback-plan", "Describe how to undo the change in controls.rollback_plan"),
            critical("critical-acceptance-criteria", "Add acceptance_criteria that say when the item is done"),
            Map.entry("sox-audit-trail", Map.of("severity", "HIGH", "control", "SOX-404",
                    SOLUTION, "Set controls.audit_trail: enhanced on the item")),
            Map.entry("sox-change-freeze", Map.of("severity", "HIGH", "control", "SOX-404",
                    SOLUTION, "Check the change-freeze calendar, then set controls.change_freeze_checked: true")),
            Map.entry("gdpr-data-handling", Map.of("severity", "HIGH", "control", "GDPR-Art-30",
                    SOLUTION, "Write how the item handles personal data in controls.data_handling_note")),
            Map.entry("missing-owner", Map.of("severity", "CRITICAL",
                    SOLUTION, "Set owner to the person or team accountable for the item")),
            Map.entry("cross-stream-contract", Map.of("severity", "CRITICAL",
                    SOLUTION, "Point the dependency at an existing task of the other stream, or declare the contract")),
            Map.entry("required-tags", Map.of("severity", "MEDIUM", SOLUTION, "Add the missing tag to the item's tags")),
            Map.entry("allowed-tag-values", Map.of("severity", "MEDIUM",
                    SOLUTION, "Use one of the values the rulebook's tag taxonomy allows")));

    private final Rulebook rulebook;
    private final RulebookFacts settings;

    /** An engine judging with the settings (thresholds, taxonomy, required tags) of {@code rulebook}. */
    public PlainGovernanceEngine(Rulebook rulebook) {
        this.rulebook = Objects.requireNonNull(rulebook, "rulebook");
        this.settings = RulebookFacts.of(rulebook);
    }

    @Override
    public GovernanceDecision evaluate(GovernanceInput input) {
        List<Violation> reported = new ArrayList<>();
        for (Object fact : GovernanceFacts.of(input, settings)) {
            if (fact instanceof TaskFact task) {
                critical(task, reported);
                compliance(task, reported);
                hygiene(task, reported);
            } else if (fact instanceof CrossStreamRefFact ref && ref.streamPresent() && !ref.resolved()) {
                reported.add(violation("cross-stream-contract", ref.fromTask(), ref.fromTask() + " depends on "
                        + ref.reference() + ", but the " + ref.stream() + " plan has no task " + ref.id(), ref.location(),
                        "dependency", ref.reference(), "stream", ref.stream(), "task_found", false));
            }
        }
        Map<String, Integer> fired = new TreeMap<>();
        reported.forEach(v -> fired.merge(v.rule(), 1, Integer::sum));
        reported.sort(ORDER);
        List<Violation> unwaived = new ArrayList<>();
        List<Violation> waived = new ArrayList<>();
        Set<Waiver> used = new LinkedHashSet<>();
        for (Violation violation : reported) {
            Waiver cover = input.waivers().stream()
                    .filter(w -> w.activeOn(input.today()) && w.covers(violation))
                    .findFirst().orElse(null);
            if (cover == null) {
                unwaived.add(violation);
            } else {
                waived.add(violation);
                used.add(cover);
            }
        }
        List<Waiver> unused = input.waivers().stream().filter(w -> !used.contains(w)).toList();
        return new GovernanceDecision(rulebook.hash(), unwaived, waived, unused, fired, InputDigests.of(input));
    }

    private void critical(TaskFact t, List<Violation> out) {
        if (!t.isCritical()) {
            return;
        }
        String is = t.id() + " is critical (criticality 0) but ";
        int required = settings.intThreshold("critical_approvals", 3);
        if (t.approvals() < required) {
            out.add(violation("critical-approvals", t, is + "has " + t.approvals()
                    + (t.approvals() == 1 ? " approval" : " approvals") + "; " + required
                    + (required == 1 ? " is" : " are") + " required",
                    "criticality", 0, "approvals", t.approvals(), "required", required));
        }
        if (t.reviewBoard() == null) {
            out.add(violation("critical-review-board", t, is + "has no review board sign-off (controls.review_board)",
                    "criticality", 0, "review_board", null));
        }
        if (t.emergencyContact() == null) {
            out.add(violation("critical-emergency-contact", t,
                    is + "names no emergency contact (controls.emergency_contact)",
                    "criticality", 0, "emergency_contact", null));
        }
        if (t.rollbackPlan() == null) {
            out.add(violation("critical-rollback-plan", t, is + "has no rollback plan (controls.rollback_plan)",
                    "criticality", 0, "rollback_plan", null));
        }
        if (t.acceptanceCriteria() == 0) {
            out.add(violation("critical-acceptance-criteria", t, is + "has no acceptance criteria; say what done means",
                    "criticality", 0, "acceptance_criteria", 0, "required", 1));
        }
    }

    private static void compliance(TaskFact t, List<Violation> out) {
        if ("sox".equals(t.compliance())) {
            if (!"enhanced".equals(t.auditTrail())) {
                out.add(violation("sox-audit-trail", t, t.id() + " is a SOX item but its audit trail is "
                        + (t.auditTrail() == null ? "not set" : "'" + t.auditTrail() + "'")
                        + "; SOX requires controls.audit_trail: enhanced",
                        "compliance", "sox", "audit_trail", t.auditTrail(), "required", "enhanced"));
            }
            if (!t.changeFreezeChecked()) {
                out.add(violation("sox-change-freeze", t, t.id()
                        + " is a SOX item but the change-freeze calendar was not checked"
                        + " (controls.change_freeze_checked: true)",
                        "compliance", "sox", "change_freeze_checked", false, "required", true));
            }
        }
        if ("gdpr".equals(t.compliance()) && t.dataHandlingNote() == null) {
            out.add(violation("gdpr-data-handling", t, t.id()
                    + " is a GDPR item but has no data-handling note (controls.data_handling_note)",
                    "compliance", "gdpr", "data_handling_note", null));
        }
    }

    private void hygiene(TaskFact t, List<Violation> out) {
        if (t.owner() == null) {
            out.add(violation("missing-owner", t, t.id() + " has no owner; every item needs an accountable owner",
                    "owner", null));
        }
        for (String key : settings.requiredTags()) {
            if (!t.hasTagValue(key)) {
                out.add(violation("required-tags", t, t.id() + " has no '" + key + "' tag; the rulebook requires "
                        + settings.requiredTags(),
                        "tag", key, "value", null, "required_tags", settings.requiredTags()));
            }
        }
        for (String key : settings.taxonomyKeys()) {
            if (t.hasTagValue(key) && !settings.allows(key, t.tag(key))) {
                out.add(violation("allowed-tag-values", t, t.id() + " has " + key + " '" + t.tag(key)
                        + "', which the rulebook does not allow; expected one of " + settings.allowedValues(key),
                        "tag", key, "value", t.tag(key), "allowed", settings.allowedValues(key)));
            }
        }
    }

    private static Map.Entry<String, Map<String, String>> critical(String rule, String solution) {
        return Map.entry(rule, Map.of("severity", "CRITICAL", "policy", "critical-zero", SOLUTION, solution));
    }

    private static Violation violation(String rule, TaskFact t, String message, Object... facts) {
        return violation(rule, t.id(), message, t.location(), facts);
    }

    /**
     * A violation as {@code Report.violation} builds it in a rule's consequence: the rule's
     * metadata, its severity, and the compared values as text ({@code null} as {@code not set},
     * cut at {@value Report#MAX_FACT_LENGTH} characters).
     */
    private static Violation violation(String rule, String item, String message, SourceLocation location,
            Object... facts) {
        Map<String, String> metadata = METADATA.get(rule);
        Map<String, String> compared = new LinkedHashMap<>();
        for (int i = 0; i < facts.length; i += 2) {
            String value = facts[i + 1] == null ? "not set" : String.valueOf(facts[i + 1]);
            if (value.length() > Report.MAX_FACT_LENGTH) {
                value = value.substring(0, Report.MAX_FACT_LENGTH) + "\u2026";
            }
            compared.put((String) facts[i], value);
        }
        return new Violation(rule, item, Report.severityOf(metadata.get("severity")), message, metadata,
                Optional.ofNullable(location), compared);
    }
}
