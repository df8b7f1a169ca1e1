package dev.planning.engine.internal.lint;

import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.internal.rulebook.RuleNames;
import dev.planning.api.rulebook.TagTaxonomy;
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
 */
public record LintRules(TagTaxonomy taxonomy, Optional<Set<String>> ruleNames, String hash) {

    /** No rulebook: nothing beyond the schemas and references is judged. */
    public static final LintRules NONE = new LintRules(TagTaxonomy.NONE, Optional.empty(), "");

    public LintRules {
        Objects.requireNonNull(taxonomy, "taxonomy");
        ruleNames = ruleNames.map(Set::copyOf);
        Objects.requireNonNull(hash, "hash");
    }

    /** What lint needs of a loaded rulebook. */
    public static LintRules of(Rulebook rulebook) {
        return new LintRules(TagTaxonomy.of(rulebook), RuleNames.of(rulebook), rulebook.hash());
    }
}
