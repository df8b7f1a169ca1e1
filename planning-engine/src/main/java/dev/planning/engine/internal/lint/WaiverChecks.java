package dev.planning.engine.internal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.api.rulebook.TagTaxonomy;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static int index(String elementPointer) {
        return Integer.parseInt(elementPointer.substring(elementPointer.lastIndexOf('/') + 1));
    }
}
