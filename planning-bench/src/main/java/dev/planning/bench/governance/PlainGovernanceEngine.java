package dev.planning.bench.governance;

import dev.planning.api.SourceLocation;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.governance.Violation;
import dev.planning.api.governance.ViolationSeverity;
import dev.planning.api.governance.Waiver;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.rules.internal.drools.InputDigests;
import dev.planning.rules.facts.CrossStreamRefFact;
import dev.planning.rules.facts.GovernanceFacts;
import dev.planning.rules.facts.RulebookFacts;
import dev.planning.rules.facts.TaskFact;
import java.util.ArrayList;
import java.util.Comparator;
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

    private static final Comparator<Violation> ORDER = Comparator.comparing(Violation::rule)
            .thenComparing(Violation::item)
            .thenComparing(Violation::message);
    private static final Map<String, String> CRITICAL_ZERO = Map.of("severity", "CRITICAL", "policy", "critical-zero");
    private static final Map<String, String> SOX = Map.of("severity", "HIGH", "control", "SOX-404");
    private static final Map<String, String> GDPR = Map.of("severity", "HIGH", "control", "GDPR-Art-30");
    private static final Map<String, String> CRITICAL = Map.of("severity", "CRITICAL");
    private static final Map<String, String> MEDIUM = Map.of("severity", "MEDIUM");

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
                reported.add(violation("cross-stream-contract", ref.fromTask(), ViolationSeverity.CRITICAL, CRITICAL,
                        ref.fromTask() + " depends on " + ref.reference() + ", but the " + ref.stream()
                                + " plan has no task " + ref.id(), ref.location()));
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
            out.add(critical("critical-approvals", t, is + "has " + t.approvals()
                    + (t.approvals() == 1 ? " approval" : " approvals") + "; " + required
                    + (required == 1 ? " is" : " are") + " required"));
        }
        if (t.reviewBoard() == null) {
            out.add(critical("critical-review-board", t, is + "has no review board sign-off (controls.review_board)"));
        }
        if (t.emergencyContact() == null) {
            out.add(critical("critical-emergency-contact", t, is + "names no emergency contact (controls.emergency_contact)"));
        }
        if (t.rollbackPlan() == null) {
            out.add(critical("critical-rollback-plan", t, is + "has no rollback plan (controls.rollback_plan)"));
        }
        if (t.acceptanceCriteria() == 0) {
            out.add(critical("critical-acceptance-criteria", t, is + "has no acceptance criteria; say what done means"));
        }
    }

    private static void compliance(TaskFact t, List<Violation> out) {
        if ("sox".equals(t.compliance())) {
            if (!"enhanced".equals(t.auditTrail())) {
                out.add(violation("sox-audit-trail", t.id(), ViolationSeverity.HIGH, SOX, t.id()
                        + " is a SOX item but its audit trail is "
                        + (t.auditTrail() == null ? "not set" : "'" + t.auditTrail() + "'")
                        + "; SOX requires controls.audit_trail: enhanced", t.location()));
            }
            if (!t.changeFreezeChecked()) {
                out.add(violation("sox-change-freeze", t.id(), ViolationSeverity.HIGH, SOX, t.id()
                        + " is a SOX item but the change-freeze calendar was not checked"
                        + " (controls.change_freeze_checked: true)", t.location()));
            }
        }
        if ("gdpr".equals(t.compliance()) && t.dataHandlingNote() == null) {
            out.add(violation("gdpr-data-handling", t.id(), ViolationSeverity.HIGH, GDPR, t.id()
                    + " is a GDPR item but has no data-handling note (controls.data_handling_note)", t.location()));
        }
    }

    private void hygiene(TaskFact t, List<Violation> out) {
        if (t.owner() == null) {
            out.add(violation("missing-owner", t.id(), ViolationSeverity.CRITICAL, CRITICAL,
                    t.id() + " has no owner; every item needs an accountable owner", t.location()));
        }
        for (String key : settings.requiredTags()) {
            if (!t.hasTagValue(key)) {
                out.add(violation("required-tags", t.id(), ViolationSeverity.MEDIUM, MEDIUM, t.id() + " has no '" + key
                        + "' tag; the rulebook requires " + settings.requiredTags(), t.location()));
            }
        }
        for (String key : settings.taxonomyKeys()) {
            if (t.hasTagValue(key) && !settings.allows(key, t.tag(key))) {
                out.add(violation("allowed-tag-values", t.id(), ViolationSeverity.MEDIUM, MEDIUM, t.id() + " has " + key
                        + " '" + t.tag(key) + "', which the rulebook does not allow; expected one of "
                        + settings.allowedValues(key), t.location()));
            }
        }
    }

    private static Violation critical(String rule, TaskFact t, String message) {
        return violation(rule, t.id(), ViolationSeverity.CRITICAL, CRITICAL_ZERO, message, t.location());
    }

    private static Violation violation(String rule, String item, ViolationSeverity severity,
            Map<String, String> metadata, String message, SourceLocation location) {
        return new Violation(rule, item, severity, message, metadata, Optional.ofNullable(location));
    }
}
