package dev.planning.api.rulebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagTaxonomyTest {

    private final TagTaxonomy taxonomy = TagTaxonomy.of(Map.of(
            "criticality", List.of("0", "1", "2", "3"),
            "compliance", List.of("sox", "gdpr", "hipaa", "none")));

    @Test
    void acceptsAllowedValuesIgnoringCaseAndBlanksOfKeysAndValues() {
        assertThat(taxonomy.check(List.of(Tag.parse("Criticality: 0 "), Tag.parse("COMPLIANCE:SOX"),
                Tag.parse("Risk:whatever")))).isEmpty();
    }

    @Test
    void reportsAValueOutsideTheTaxonomyWithTheAllowedValuesAndTheLikelyOne() {
        List<TagTaxonomy.Problem> problems = taxonomy.check(List.of(Tag.parse("criticality:O")));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(TagTaxonomy.Kind.UNKNOWN_VALUE);
            assertThat(p.message("task FE-12")).isEqualTo("task FE-12: tag `criticality` is \"O\", which the"
                    + " rulebook's taxonomy does not allow (allowed: 0, 1, 2, 3); did you mean \"0\"? Until it is fixed,"
                    + " governance counts the item as critical (criticality 0)");
        });
    }

    @Test
    void suggestsOnlyAClearlyMeantValue() {
        assertThat(taxonomy.suggest("compliance", "soxx")).contains("sox");
        assertThat(taxonomy.suggest("compliance", "gpdr")).contains("gdpr");
        assertThat(taxonomy.suggest("criticality", "l")).contains("1");
        assertThat(taxonomy.suggest("criticality", "7")).isEmpty();
        assertThat(taxonomy.suggest("compliance", "pci-dss")).isEmpty();
    }

    /** parse25: the allowed values were lower-cased but not stripped, unlike the written value and {@code canonical}. */
    @Test
    void suggestsAnAllowedValueWrittenWithBlanksAroundItAsTheValuesAreCompared() {
        TagTaxonomy blanks = TagTaxonomy.of(Map.of("compliance", List.of(" GDPR\u2003", "\u2003open ", "hipaa")));

        assertThat(blanks.suggest("compliance", "gpdr")).contains(" GDPR\u2003");
        assertThat(blanks.suggest("compliance", "0pen")).contains("\u2003open ");
        assertThat(blanks.check(List.of(Tag.parse("compliance:gpdr")))).singleElement()
                .satisfies(p -> assertThat(p.suggestion()).contains(" GDPR\u2003"));
    }

    @Test
    void aPlainLabelOfAGovernedKeyHasNoValueAndIsReported() {
        assertThat(taxonomy.check(List.of(Tag.parse("criticality")))).singleElement()
                .satisfies(p -> assertThat(p.message("task X")).contains("tag `criticality` has no value"));
    }

    @Test
    void reportsAGovernedKeyGivenTwiceWithDifferentValues() {
        List<TagTaxonomy.Problem> problems = taxonomy.check(List.of(Tag.parse("Criticality:3"), Tag.parse("criticality:0"),
                Tag.parse("compliance:none"), Tag.parse("compliance:NONE")));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(TagTaxonomy.Kind.CONFLICTING_VALUE);
            assertThat(p.index()).isEqualTo(1);
            assertThat(p.message("task X")).contains("given twice, as \"3\" and \"0\"");
        });
    }

    @Test
    void anEmptyTaxonomyGovernsNothing() {
        assertThat(TagTaxonomy.NONE.check(List.of(Tag.parse("criticality:O")))).isEmpty();
    }

    /** fold24: the one fold of keys (and values) that the rulebook's loader also uses to refuse alike keys. */
    @Test
    void foldKeyStripsUnicodeBlanksAndLowerCasesByTheRootLocale() {
        assertThat(TagTaxonomy.foldKey("\u2003Security\u3000\t")).isEqualTo("security");
        assertThat(TagTaxonomy.foldKey("\u00A0security")).as("no-break space is not a blank to strip()")
                .isEqualTo("\u00A0security");
        assertThat(TagTaxonomy.foldKey("STRA\u1E9EE")).isEqualTo("stra\u00DFe");
        assertThat(TagTaxonomy.foldKey("STRASSE")).isNotEqualTo(TagTaxonomy.foldKey("stra\u00DFe"));
        assertThat(TagTaxonomy.foldKey("\u0130D")).isEqualTo("i\u0307d");
    }

    @Test
    void foldKeyIsTheSameUnderATurkishDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(TagTaxonomy.foldKey("TITLE")).isEqualTo("title");
            assertThat(TagTaxonomy.of(Map.of("TITLE", List.of("x"))).governs("title")).isTrue();
            assertThat(TagTaxonomy.foldKey("\u0131d")).isNotEqualTo(TagTaxonomy.foldKey("ID"));
        } finally {
            Locale.setDefault(before);
        }
    }
}
