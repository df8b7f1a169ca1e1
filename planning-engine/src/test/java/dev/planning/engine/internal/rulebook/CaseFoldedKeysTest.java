package dev.planning.engine.internal.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.rulebook.TagTaxonomy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * strict23: taxonomy keys differing only in case were both accepted, and since tags match keys ignoring
 * case, the later list silently replaced the earlier one (a tag {@code security:high} was judged by
 * {@code security: [low]} though {@code Security: [low, high]} was written first).
 */
class CaseFoldedKeysTest {

    @TempDir
    Path dir;

    private InvalidInputException refusal(String settings) throws IOException {
        Files.writeString(dir.resolve("rulebook.yaml"), settings);
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> RulebookLoader.load(dir));
        assertThat(e).as("expected the rulebook to be refused").isNotNull();
        return e;
    }

    @Test
    void taxonomyKeysDifferingOnlyInCaseAreRefusedAtTheSecondNamingTheFirst() throws IOException {
        InvalidInputException e = refusal("""
                version: "1"
                taxonomy:
                  Security: [low, high]
                  compliance: [sox]
                  security: [low]
                """);

        assertThat(e.location()).contains(new SourceLocation(dir.resolve("rulebook.yaml").toString(), 5, 3));
        assertThat(e.getMessage()).contains("taxonomy key 'security' and 'Security' (at ")
                .contains("rulebook.yaml:3:3)").contains("differ only in case").contains("keep one of them");
    }

    @Test
    void taxonomyKeysDifferingOnlyInSurroundingBlanksAreRefused() throws IOException {
        InvalidInputException e = refusal("version: \"1\"\ntaxonomy:\n  security: [low]\n  \" security\": [high]\n");

        assertThat(e.getMessage()).contains("taxonomy key ' security' and 'security'");
    }

    @Test
    void eachAlikePairIsOneMistakeAndEveryMappingIsChecked() throws IOException {
        InvalidInputException e = refusal("""
                version: "1"
                taxonomy:
                  Security: [low]
                  security: [low]
                  SECURITY: [low]
                thresholds:
                  critical_approvals: 3
                  Critical_Approvals: 1
                profiles:
                  fe:
                    - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [schema_lint]}
                  FE:
                    - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [governance]}
                streams: {be: FE}
                default_profile: fe
                """);

        assertThat(e.getMessage().lines().filter(l -> l.startsWith("  ")).toList()).as(e.getMessage()).satisfiesExactly(
                l -> assertThat(l).contains("rulebook.yaml:4:3: ").contains("taxonomy key 'security' and 'Security'"),
                l -> assertThat(l).contains("rulebook.yaml:5:3: ").contains("taxonomy key 'SECURITY' and 'Security'"),
                l -> assertThat(l).contains("rulebook.yaml:8:3: ").contains("threshold 'Critical_Approvals'"),
                l -> assertThat(l).contains("rulebook.yaml:12:3: ").contains("profile 'FE' and 'fe'"));
    }

    /** A stream key no stream can have ({@code FE}: stream names are lower case) was accepted and never applied. */
    @Test
    void aStreamKeyNoStreamCanHaveIsRefusedAtIt() throws IOException {
        InvalidInputException e = refusal("""
                version: "1"
                profiles:
                  fe:
                    - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [schema_lint]}
                  strict:
                    - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [schema_lint, governance]}
                streams: {FE: strict}
                default_profile: fe
                """);

        assertThat(e.getMessage()).contains("streams").contains("FE");
        assertThat(e.describe()).contains("rulebook.yaml:7:");
    }

    @Test
    void distinctKeysStillLoad() throws IOException {
        Files.writeString(dir.resolve("rulebook.yaml"), "version: \"1\"\ntaxonomy:\n  security: [low]\n  securities: [a]\n"
                + "thresholds: {critical_approvals: 3, be.critical_approvals: 2}\n");

        Rulebook rulebook = RulebookLoader.load(dir);

        assertThat(rulebook.taxonomy()).containsOnlyKeys("security", "securities");
        assertThat(TagTaxonomy.of(rulebook).allowedValues("SECURITY")).isEqualTo(List.of("low"));
        assertThat(Map.copyOf(rulebook.thresholds())).containsOnlyKeys("critical_approvals", "be.critical_approvals");
    }

    /**
     * fold24: the loader refuses two taxonomy keys exactly when the taxonomy would read them as one key, on
     * keys where folds part ways: Turkish dotted and dotless i, German sharp s, Unicode blanks {@code strip()}
     * removes and the no-break space it keeps. (Both fold by {@link TagTaxonomy#foldKey}; this holds them
     * together should either fold by its own again.)
     */
    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "Title|TITLE|true",
        "\u0131d|id|false",
        "ID|\u0131d|false",
        "\u0130d|id|false",
        "STRASSE|stra\u00DFe|false",
        "STRA\u1E9EE|stra\u00DFe|true",
        "\u2003security\u3000|security|true",
        "\u00A0security|security|false",
        "security\t|security|true"})
    void theLoaderRefusesTwoTaxonomyKeysExactlyWhenTheTaxonomyReadsThemAsOne(String first, String second,
            boolean alike) throws IOException {
        Files.writeString(dir.resolve("rulebook.yaml"), "version: \"1\"\ntaxonomy:\n  \"" + first + "\": [a]\n  \""
                + second + "\": [b]\n", StandardCharsets.UTF_8);

        // Text40: a key beyond a task breakdown's tag keys (ASCII letters, digits, `_ . -`, inner spaces) is refused
        // as such; two of those keys are refused together exactly when the taxonomy reads them as one.
        boolean spelt = (first + second).chars().allMatch(c -> c < 0x7f && (Character.isLetterOrDigit(c) || c == ' '));
        String refusal;
        try {
            RulebookLoader.load(dir);
            refusal = "";
        } catch (InvalidInputException e) {
            refusal = e.getMessage();
        }

        assertThat(TagTaxonomy.of(Map.of(first, List.of("a"))).governs(second)).isEqualTo(alike);
        if (spelt) {
            assertThat(refusal.contains("differ only in case")).as(refusal).isEqualTo(alike);
        } else {
            assertThat(refusal).contains("has a key of the wrong form").doesNotContain("differ only in case");
        }
    }
}
