package dev.planning.rules.facts;

import static dev.planning.rules.Inputs.tags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.Tags;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Governance reads criticality fail-closed: what it cannot classify is critical. */
class RulebookFactsCriticalityTest {

    private static final RulebookFacts REQUIRED = new RulebookFacts(Map.of(),
            Map.of("criticality", List.of("0", "1", "2", "3")), List.of("criticality"));
    private static final RulebookFacts OPTIONAL = new RulebookFacts(Map.of(),
            Map.of("criticality", List.of("0", "1", "2", "3")), List.of());

    @Test
    void readsAnAllowedValueIgnoringBlanksAndKeyCase() {
        assertThat(REQUIRED.criticalityOf(tags("Criticality: 2 "))).isEqualTo(2);
    }

    @Test
    void anythingTheTaxonomyCannotClassifyIsCritical() {
        for (String written : List.of("criticality:O", "criticality:-1", "criticality:7", "criticality:00",
                "criticality:0.0", "criticality")) {
            assertThat(OPTIONAL.criticalityOf(tags(written))).as(written).isZero();
        }
    }

    @Test
    void twoValuesCountAsTheMostCritical() {
        assertThat(REQUIRED.criticalityOf(tags("Criticality:3", "criticality:1"))).isEqualTo(1);
    }

    @Test
    void aMissingTagIsCriticalOnlyWhenTheRulebookRequiresIt() {
        assertThat(REQUIRED.criticalityOf(Tags.NONE)).isZero();
        assertThat(OPTIONAL.criticalityOf(Tags.NONE)).isNull();
    }

    /**
     * attack39: the required-tags rule reads a required key as a tag's key is read, ignoring case and surrounding
     * blanks, so {@code required_tags: ["criticality "]} required the tag of every task; but a task without it read as
     * having no criticality (null), not as critical, so the Critical=0 rules passed it over with a MEDIUM finding alone.
     */
    @Test
    void aRequiredKeyWrittenWithBlanksMakesAMissingTagCriticalAsTheRequiredTagsRuleRequiresIt() {
        for (String key : List.of("criticality ", " Criticality", "\tCRITICALITY\t")) {
            RulebookFacts required = new RulebookFacts(Map.of(), Map.of("criticality", List.of("0", "1", "2", "3")),
                    List.of("compliance", key));
            assertThat(required.criticalityOf(Tags.NONE)).as("'" + key + "'").isZero();
        }
    }

    /**
     * trust39: {@code crİticality} (U+0130) and {@code crıticality} (U+0131) are not {@code criticality} to the
     * taxonomy or the required-tags check ({@code TagTaxonomy.foldKey}); criticality reads them alike, so a task
     * carrying only such a key lacks the required tag and is critical, not "3".
     */
    @Test
    void aLookAlikeKeyIsNotCriticalityHereEither() {
        for (String written : List.of("cr\u0130ticality:3", "cr\u0131ticality:3", "CR\u0130TICALITY:3")) {
            assertThat(REQUIRED.criticalityOf(tags(written))).as(written).isZero();
            assertThat(OPTIONAL.criticalityOf(tags(written))).as(written).isNull();
        }
    }

    @Test
    void aRequiredTagSpeltWithALookAlikeLetterDoesNotRequireCriticality() {
        RulebookFacts lookAlike = new RulebookFacts(Map.of(), Map.of(), List.of("cr\u0131ticality"));
        assertThat(lookAlike.criticalityOf(Tags.NONE)).isNull();
    }
}
