package dev.planning.engine.internal.lint;

import dev.planning.api.governance.WaiverHorizon;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.rulebook.TagTaxonomy;
import dev.planning.engine.internal.rulebook.RuleNames;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What lint knows of the rulebook, so that it judges what the gates judge: the tag taxonomy
 * (values outside it are errors) and the names of the rules (a waiver naming no rule is an error).
 *
 * @param taxonomy  the rulebook's tag taxonomy; {@link TagTaxonomy#NONE} checks no value
 * @param ruleNames the rulebook's rule names; empty when unknown, then waivers are not checked
 * @param hash      the rulebook's hash, so that cached results are keyed on it; empty for none
 * @param today     the day waiver expiries are judged against; empty to leave expiries alone
 *                  (the {@code schema_lint} gate: the governance gate warns about them)
 * @param waiverHorizonDays how many days ahead an expiring waiver is warned about
 */
public record LintRules(TagTaxonomy taxonomy, Optional<Set<String>> ruleNames, String hash, Optional<LocalDate> today,
        int waiverHorizonDays) {

    /** No rulebook: nothing beyond the schemas and references is judged. */
    public static final LintRules NONE = new LintRules(TagTaxonomy.NONE, Optional.empty(), "");

    public LintRules {
        Objects.requireNonNull(taxonomy, "taxonomy");
        ruleNames = ruleNames.map(Set::copyOf);
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(today, "today");
        if (waiverHorizonDays < 0) {
            throw new IllegalArgumentException("waiverHorizonDays must be >= 0");
        }
    }

    /** Rules that judge no waiver expiry. */
    public LintRules(TagTaxonomy taxonomy, Optional<Set<String>> ruleNames, String hash) {
        this(taxonomy, ruleNames, hash, Optional.empty(), WaiverHorizon.DEFAULT_DAYS);
    }

    /** What lint needs of a loaded rulebook, judging no waiver expiry. */
    public static LintRules of(Rulebook rulebook) {
        return new LintRules(TagTaxonomy.of(rulebook), RuleNames.of(rulebook), rulebook.hash());
    }

    /** What lint needs of a loaded rulebook, warning about waivers expiring within its horizon of {@code today}. */
    public static LintRules of(Rulebook rulebook, LocalDate today) {
        return new LintRules(TagTaxonomy.of(rulebook), RuleNames.of(rulebook), rulebook.hash(), Optional.of(today),
                WaiverHorizon.days(rulebook));
    }
}
