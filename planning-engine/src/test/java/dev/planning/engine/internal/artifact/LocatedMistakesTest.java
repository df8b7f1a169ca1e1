package dev.planning.engine.internal.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.SourceLocation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** errors20: a mistake's second place is data, renamed with its location, never found in the message's text. */
class LocatedMistakesTest {

    @Test
    void renamingMovesEveryPlaceOfEveryMistakeAndSaysHowTheyAreNamed() {
        LocatedMistakes refusal = LocatedMistakes.of(List.of(
                new LocatedMistakes.Mistake(new SourceLocation("rules/b.drl", 6, 1), "rule 'rules/a.drl:6:1' is declared again",
                        Optional.of(new LocatedMistakes.Related("first at", new SourceLocation("rules/a.drl", 6, 1), ": rename it"))),
                new LocatedMistakes.Mistake(new SourceLocation("rules/c.drl", 2, 3), "another")));

        LocatedMistakes renamed = refusal.renamed(f -> "rulebook/" + f, "relative to the workspace").led("lead");

        assertThat(renamed.location()).contains(new SourceLocation("rulebook/rules/b.drl", 6, 1));
        assertThat(renamed.mistakes().get(0).related().orElseThrow().location())
                .isEqualTo(new SourceLocation("rulebook/rules/a.drl", 6, 1));
        assertThat(renamed.getMessage()).isEqualTo("lead: rule 'rules/a.drl:6:1' is declared again (first at"
                + " rulebook/rules/a.drl:6:1, both paths relative to the workspace): rename it\n"
                + "rulebook/rules/c.drl:2:3: another");
        assertThat(refusal.getMessage()).startsWith("rule 'rules/a.drl:6:1' is declared again (first at rules/a.drl:6:1,"
                + " both paths relative to the rulebook directory)");
    }
}
