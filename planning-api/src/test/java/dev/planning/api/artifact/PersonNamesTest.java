package dev.planning.api.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonNamesTest {

    @Test
    void namesInOneScriptOrAnAllowedMixCount() {
        for (String name : List.of("pm-dana", "techlead-erik", "Jos\u00e9 Garc\u00eda", "jose\u0301", "O'Brien",
                "dana+qa@example.com", "org/team_lead.2", "\u674e\u5c0f\u9f99", "\u0395\u03bb\u03ad\u03bd\u03b7",
                "\uff54\uff45\uff43\uff48\uff4c\uff45\uff41\uff44-erik", "\u0926\u0947\u0935", "Tanaka \u7530\u4e2d\u3072\u308d",
                "\uae40\ubbfc\uc900 Kim")) {
            assertThat(PersonNames.unclear(name)).as(name).isEmpty();
        }
    }

    /**
     * Found by the sixteenth review: {@code approvals: [pm-dana, techlead-erik, "techlead-erik<U+200B>"]}
     * counted three approvers (the names differ in their NFKC, case-folded forms), so a criticality-0
     * item that two people approved passed Critical=0. Each of these names reads as another one.
     */
    @Test
    void aNameWithAnInvisibleCharacterALookAlikeOrMixedScriptsIsUnclear() {
        for (String name : List.of("techlead-erik\u200b", "techlead-e\u00adrik", "techlead-erik\ufe0f",
                "techlead-erik\u034f", "techlead-erik\u2060", "techlead-erik\udb40\udc41", "techlead\u2010erik",
                "techlead\u2011erik", "techlead-\u0435rik", "t\u0435chlead-erik", "techlead-erik\u0301\u0301",
                "techlead  erik", "techlead\u00a0 erik", "techlead-erik\u02bc", "techlead\u3164erik", "\u0441\u0442\u043eg")) {
            assertThat(PersonNames.unclear(name)).as(name).isPresent();
        }
        assertThat(PersonNames.unclear("techlead-\u0435rik")).contains("mixes the scripts Cyrillic and Latin");
        assertThat(PersonNames.unclear("techlead-erik\u200b")).get().asString().startsWith("holds U+200B");
    }

    /**
     * The prolonged sound mark U+30FC is of the common script in Java (its Script_Extensions, which UTS #39
     * reads, are Hiragana and Katakana): refused everywhere, every katakana name with a long vowel, such
     * as Lucy's, counted for no approver and its work for no budget. It counts after a kana only.
     */
    @Test
    void aKanaNameWithTheProlongedSoundMarkCountsAndTheMarkElsewhereDoesNot() {
        for (String name : List.of("\u30eb\u30fc\u30b7\u30fc", "\u30eb\uff70\u30b7\uff70", "\u3089\u30fc\u3081\u3093",
                "\u30eb\u30fc\u30fc", "Lucy \u30eb\u30fc\u30b7\u30fc")) {
            assertThat(PersonNames.unclear(name)).as(name).isEmpty();
        }
        for (String name : List.of("\u7530\u4e2d\u30fc", "\u30fc\u30eb", "erik\u30fc", "\u30eb \u30fc")) {
            assertThat(PersonNames.unclear(name)).as(name).get().asString().startsWith("holds U+30FC");
        }
    }

    @Test
    void namesThatDifferInCaseWidthCompositionOrSurroundingBlanksShareOneIdentity() {
        for (String name : List.of("Bob", "BOB", " bob ", "\uff42\uff4f\uff42", "\uff22ob")) {
            assertThat(PersonNames.identity(name)).as(name).isEqualTo("bob");
        }
        assertThat(PersonNames.identity("jos\u00e9")).isEqualTo(PersonNames.identity("JOSE\u0301"));
        assertThat(PersonNames.identity("b\u043eb")).isNotEqualTo("bob");
    }
}
