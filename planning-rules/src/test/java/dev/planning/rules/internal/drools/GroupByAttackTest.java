package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.planning.api.InvalidInputException;
import dev.planning.rules.Inputs;
import dev.planning.rules.testkit.GovernanceTestKit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Twenty-fifth review (attack25): Drools 10 parses {@code groupby(pattern; key; functions)} to a
 * {@code GroupByDescr}, a subclass of {@code AccumulateDescr}. The policy language checked it as an
 * accumulate (its input pattern, its functions' arguments) and never looked at the grouping key, which
 * Drools compiles as Java and runs once per matched fact: a key of
 * {@code java.nio.file.Files.writeString(...)} wrote a file during {@code rules test}, {@code gate} and
 * {@code advance}, in the restricted mode. {@code groupby} is now refused, located, and so is any
 * pattern source the checker does not know by its exact class.
 */
class GroupByAttackTest {

    private static final String HEAD = """
            package dev.planning.rules.custom;

            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;
            """;

    @TempDir
    Path dir;

    private static String rule(String when) {
        return HEAD + "rule \"g\" when\n    " + when + "\nthen\n    insert(Report.violation(kcontext, \"cycle\", \"n\"));\nend\n";
    }

    @Test
    void aGroupingKeyThatWritesAFileIsRefusedBeforeAnythingRuns() {
        Path written = dir.resolve("written");
        String drl = rule("groupby( $t : TaskFact(); java.nio.file.Files.writeString(java.nio.file.Path.of(\""
                + written + "\"), $t.id()); $c : count() )");

        Throwable thrown = catchThrowable(() -> GovernanceTestKit.fromDrl(drl).evaluate(Inputs.goodTask("FE-1").build()));

        assertThat(written).doesNotExist();
        assertThat(thrown).isInstanceOf(InvalidInputException.class).hasMessageContaining("groupby");
        var where = ((InvalidInputException) thrown).location().orElseThrow();
        assertThat(where.line()).isEqualTo(6);
        assertThat(where.column()).isPositive();
    }

    /** A grouping key of plain fact accessors is refused too: the construct, not its contents, is outside the language. */
    @ParameterizedTest
    @ValueSource(strings = {
        "groupby( $t : TaskFact(); $t.owner(); $c : count() )",
        "groupby( $t : TaskFact(); $k : $t.owner(); $c : count(); $c > 1 )",
        "groupby( $t : TaskFact(); $t.owner(); $c : count() )\n    $u : TaskFact()",
    })
    void everyGroupbyIsRefusedWithItsPlace(String when) {
        Throwable thrown = catchThrowable(() -> PolicyLanguage.check("rules/x.drl",
                rule(when).getBytes(StandardCharsets.UTF_8)));

        assertThat(thrown).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("groupby is outside the policy language");
        assertThat(((InvalidInputException) thrown).location().orElseThrow().line()).isEqualTo(6);
    }

    @Test
    void theBuiltInAccumulateStays() {
        var kit = GovernanceTestKit.fromDrl(rule("$n : Number(intValue > 1) from accumulate( $t : TaskFact(); count($t) )"));

        assertThat(kit.evaluate(Inputs.goodTask("FE-1").build(), Inputs.goodTask("FE-2").build()).violations()).hasSize(1);
        assertThat(kit.evaluate(Inputs.goodTask("FE-1").build()).violations()).isEmpty();
    }

    @Test
    void nothingWasLeftBehind() throws Exception {
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
