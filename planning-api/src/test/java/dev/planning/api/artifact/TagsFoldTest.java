package dev.planning.api.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.rulebook.TagTaxonomy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tag look-ups compare keys as the taxonomy does: one fold, {@link Tag#fold(String)} (trust39). */
class TagsFoldTest {

    @Test
    void aKeyWithATrailingUnicodeBlankIsTheKeyAsTheTaxonomyReadsIt() {
        Tags tags = new Tags(List.of(new Tag("compliance\u2003", Optional.of("gdpr"))));

        assertThat(TagTaxonomy.of(Map.of("compliance", List.of("gdpr"))).governs("compliance\u2003")).isTrue();
        assertThat(tags.value("compliance")).contains("gdpr");
        assertThat(tags.compliance()).contains("gdpr");
        assertThat(tags.has("COMPLIANCE")).isTrue();
    }

    @Test
    void aKeyThatOnlyEqualsIgnoreCaseTakesForAnotherIsNotIt() {
        for (String key : List.of("compl\u0130ance", "compl\u0131ance")) {
            Tags tags = new Tags(List.of(new Tag(key, Optional.of("none")), new Tag("compliance", Optional.of("gdpr"))));

            assertThat(tags.compliance()).as(key).contains("gdpr");
            assertThat(new Tags(List.of(new Tag(key, Optional.of("0")))).has("compliance")).as(key).isFalse();
        }
        assertThat(new Tags(List.of(new Tag("cr\u0131ticality", Optional.of("3")))).criticality()).isEmpty();
    }

    @Test
    void theTaxonomyFoldsKeysWithTheSameFunction() {
        for (String key : List.of(" Compliance\u2003", "compl\u0130ance", "\u212Aey", "\u017Fox")) {
            assertThat(TagTaxonomy.foldKey(key)).as(key).isEqualTo(Tag.fold(key));
        }
    }

    /** Text40: {@link Tag#parse} trimmed ASCII blanks only, so an EM SPACE stayed in the key it parsed. */
    @Test
    void aTagIsParsedWithoutTheBlanksTheFoldStrips() {
        assertThat(Tag.parse("\u2003Compliance\u2003:\u3000hipaa\u2003")).isEqualTo(new Tag("Compliance", Optional.of("hipaa")));
        assertThat(Tag.parse("\u2003release\u2003").key()).isEqualTo("release").isEqualTo(Tag.fold("\u2003release"));
        // What the fold keeps, the parse keeps: a control character, a no-break space (no blank to String.strip).
        assertThat(Tag.parse("x\u0001").key()).isEqualTo("x\u0001").isEqualTo(Tag.fold("x\u0001"));
        assertThat(Tag.parse("x\u00a0").key()).isEqualTo("x\u00a0").isEqualTo(Tag.fold("x\u00a0"));
    }
}
