package dev.planning.engine.internal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import dev.planning.api.governance.Waiver;
import dev.planning.api.governance.WaiverHorizon;
import dev.planning.api.rulebook.TagTaxonomy;
import dev.planning.engine.internal.document.LocatedDocument;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Waivers of a decision log (or retrospective) must name a rule of the rulebook: a waiver of a
 * misspelt rule waives nothing, and the violation it was meant for then blocks the gate with no
 * hint why.
 */
final class WaiverChecks {

    private WaiverChecks() {
    }

    static void check(LocatedDocument document, Set<String> ruleNames, List<Finding> findings) {
        List<String> waivers = HeaderChecks.elements(document, "/waivers");
        for (String waiver : waivers) {
            JsonNode rule = document.root().at(waiver + "/rule");
            if (!rule.isTextual() || rule.asText().isBlank() || ruleNames.contains(rule.asText().strip())) {
                continue;
            }
            JsonNode item = document.root().at(waiver + "/item");
            String subject = "waiver" + (item.isTextual() ? " for " + item.asText() : " #" + (index(waiver) + 1));
            // The same closeness measure as tag values: one mistyped letter or two swapped ones.
            TagTaxonomy names = TagTaxonomy.of(Map.of("rule", ruleNames.stream().sorted().toList()));
            String suggestion = names.suggest("rule", rule.asText())
                    .map(s -> "; did you mean `" + s + "`?").orElse("");
            String known = ruleNames.stream().sorted().collect(Collectors.joining(", "));
            findings.add(Finding.error(LintCodes.WAIVER_UNKNOWN_RULE, subject + ": rule `" + rule.asText()
                    + "` is not a rule of the rulebook, so the waiver waives nothing" + suggestion
                    + " (rules: " + known + ")", document.locate(waiver + "/rule")));
        }
    }

    /**
     * A waiver must name an item of the cycle: a task or story id, or the cycle id itself. A waiver
     * of a mistyped id waives nothing; it is an error, with the id most likely meant.
     */
    static void checkItems(LocatedDocument document, Set<String> itemIds, String cycleId, List<Finding> findings) {
        Set<String> known = new TreeSet<>(itemIds);
        known.add(cycleId);
        for (String waiver : HeaderChecks.elements(document, "/waivers")) {
            JsonNode item = document.root().at(waiver + "/item");
            if (!item.isTextual() || item.asText().isBlank() || known.contains(item.asText().strip())) {
                continue;
            }
            JsonNode rule = document.root().at(waiver + "/rule");
            String subject = "waiver" + (rule.isTextual() ? " of " + rule.asText() : " #" + (index(waiver) + 1));
            TagTaxonomy names = TagTaxonomy.of(Map.of("item", List.copyOf(known)));
            String suggestion = names.suggest("item", item.asText())
                    .map(s -> "; did you mean `" + s + "`?").orElse("");
            findings.add(Finding.error(LintCodes.WAIVER_UNKNOWN_ITEM, subject + ": item `" + item.asText()
                    + "` is not a task or story of the cycle, so the waiver waives nothing" + suggestion,
                    document.locate(waiver + "/item")));
        }
    }

    /**
     * A waiver in force that expires within the horizon is a warning at its {@code expires}; so is a
     * waiver whose last day is past, which waives nothing any more (the gate counts the violation again).
     */
    static void checkExpiring(LocatedDocument document, List<Waiver> waivers, LocalDate today, int horizonDays,
            List<Finding> findings) {
        List<String> elements = HeaderChecks.elements(document, "/waivers");
        for (int i = 0; i < waivers.size() && i < elements.size(); i++) {
            Waiver waiver = waivers.get(i);
            if (!waiver.activeOn(today)) {
                findings.add(new Finding(LintCodes.WAIVER_EXPIRED, Severity.WARNING, "waiver of " + waiver.rule()
                        + " for " + waiver.item() + " expired on " + waiver.expires()
                        + " and waives nothing; the violation it waived counts again",
                        Optional.of(document.locate(elements.get(i) + "/expires")),
                        Optional.of(waiver.item()),
                        facts("expires", waiver.expires().toString(), "today", today.toString()),
                        Optional.of("Fix the violation, or renew the waiver with its approver, or remove it")));
            } else if (WaiverHorizon.expiring(waiver, today, horizonDays)) {
                findings.add(new Finding(LintCodes.WAIVER_EXPIRING, Severity.WARNING, "waiver of " + waiver.rule()
                        + " for " + waiver.item() + " " + WaiverHorizon.describe(waiver, today)
                        + "; after that the violation it waives counts again (warned " + horizonDays
                        + " days ahead: thresholds." + WaiverHorizon.THRESHOLD + ")",
                        Optional.of(document.locate(elements.get(i) + "/expires")),
                        Optional.of(waiver.item()),
                        facts("expires", waiver.expires().toString(),
                                "days_left", String.valueOf(WaiverHorizon.daysLeft(waiver, today)),
                                "horizon_days", String.valueOf(horizonDays)),
                        Optional.of("Fix the waived violation, or renew the waiver with its approver")));
            }
        }
    }

    /** Compared values in the order the message names them (a {@code Map.of} has no stable order). */
    private static Map<String, String> facts(String... namesAndValues) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            facts.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return facts;
    }

    private static int index(String elementPointer) {
        return Integer.parseInt(elementPointer.substring(elementPointer.lastIndexOf('/') + 1));
    }
}
