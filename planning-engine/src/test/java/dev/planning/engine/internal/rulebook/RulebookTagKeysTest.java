package dev.planning.engine.internal.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text40: a task breakdown's tag keys are ASCII letters and digits with {@code _ . -} and inner spaces, but a
 * rulebook's taxonomy keys and {@code required_tags} took any text, so a rulebook could require a key no plan can
 * spell ({@code criticality} with a Cyrillic {@code с}): every task failed, or a taxonomy governed nothing. Such a key
 * is refused where it is written, each one a mistake of its own.
 */
class RulebookTagKeysTest {

    @TempDir
    Path dir;

    @Test
    void aTaxonomyKeyOrRequiredTagNoPlanCanSpellIsRefusedAtEachOne() throws IOException {
        Files.writeString(dir.resolve("rulebook.yaml"), """
                version: "1"
                taxonomy:
                  \u0441riticality: [0, 1]
                  compliance: [sox]
                  "data\u200bclass": [public]
                required_tags: [criticality, "gr\u00f6\u00dfe", compliance]
                """, StandardCharsets.UTF_8);

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> RulebookLoader.load(dir));

        String file = dir.resolve("rulebook.yaml").toString();
        assertThat(e).isNotNull();
        assertThat(e.getMessage().lines().filter(l -> l.contains("tag key as a task breakdown's tags spell one")))
                .as(e.getMessage()).satisfiesExactly(
                        l -> assertThat(l).contains(file + ":3:3: ").contains("\u0441riticality"),
                        l -> assertThat(l).contains(file + ":5:3: ").contains("data\\u200Bclass"),
                        l -> assertThat(l).contains(file + ":6:30: ").contains("gr\u00f6\u00dfe"));
        assertThat(e.getMessage()).contains("expected a tag key as a task breakdown's tags spell one: ASCII letters and"
                + " digits with `_`, `.`, `-` and inner spaces");
    }

    @Test
    void keysAPlanCanSpellAreTaken() throws IOException {
        Files.writeString(dir.resolve("rulebook.yaml"), """
                version: "1"
                taxonomy:
                  " Data_classification ": [public]
                  unit.coverage-target: [80]
                  Needs design review: ["yes"]
                required_tags: [criticality, "Needs design review", data_classification]
                """, StandardCharsets.UTF_8);

        assertThatCode(() -> RulebookLoader.load(dir)).doesNotThrowAnyException();
    }
}
