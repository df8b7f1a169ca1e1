package dev.planning.engine.internal.outcome;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The totals of one axe-core results file (one or more pages), counted in rule results: a rule
 * that passed on a page counts once in {@code passes}, a rule violated on a page once in
 * {@code violations}, however many elements it concerned.
 *
 * @param pages              the pages (results objects) in the file
 * @param passes             rule results that passed
 * @param violations         rule results that were violated
 * @param incomplete         rule results axe could not decide (need review)
 * @param inapplicable       rule results that did not apply
 * @param violationsByImpact violated rule results by impact ({@code critical}, {@code serious},
 *                           {@code moderate}, {@code minor}); sorted
 * @param violatedNodes      elements concerned by violations, over all violated rules
 */
public record AccessibilityReport(int pages, int passes, int violations, int incomplete, int inapplicable,
        Map<String, Integer> violationsByImpact, int violatedNodes) {

    public AccessibilityReport {
        Objects.requireNonNull(violationsByImpact, "violationsByImpact");
        violationsByImpact = Collections.unmodifiableMap(new TreeMap<>(violationsByImpact));
    }

    /** Passed rule results as a percentage of decided ones (passes + violations); empty when none. */
    public Optional<Double> passRatePercent() {
        int decided = passes + violations;
        return decided == 0 ? Optional.empty() : Optional.of(passes * 100.0 / decided);
    }
}
