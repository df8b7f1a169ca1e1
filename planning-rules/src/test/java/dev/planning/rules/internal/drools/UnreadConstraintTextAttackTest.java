package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.planning.api.InvalidInputException;
import dev.planning.rules.Inputs;
import dev.planning.rules.testkit.GovernanceTestKit;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Twenty-fifth review (attack25): DRL reads {@code 'nobody" && owner != "'} as one single-quoted string,
 * then hands the condition on with its quotes swapped for double quotes and nothing escaped:
 * {@code owner != "nobody" && owner != ""}, two comparisons, which the policy check and the compiler both
 * read. So {@code TaskFact(owner != 'nobody" && owner != "')}, which a reader takes for "every owner but
 * that long text", let a task owned by {@code nobody} through; and where the swap leaves two strings side
 * by side ({@code 'say "hi"'}), Drools' expression parser stops after the first, without an error, and
 * the rest of the condition was neither checked nor compiled. A single-quoted string holding a double
 * quote is now refused, located, and so is a condition the expression parser does not read to its end.
 */
class UnreadConstraintTextAttackTest {

    private static final String HEAD = """
            package dev.planning.rules.custom;

            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;
            """;

    private static String rule(String pattern) {
        return HEAD + "rule \"every-owner-reported\" when\n    $t : " + pattern
                + "\nthen\n    insert(Report.violation(kcontext, $t, \"reported\"));\nend\n";
    }

    private static Throwable check(String drl) {
        return catchThrowable(() -> PolicyLanguage.check("rules/x.drl", drl.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "TaskFact( owner != 'nobody\" && owner != \"' )",
        "TaskFact( approvals < 3, owner != 'x\"; java.lang.System.exit(3); \"' )",
        "TaskFact( owner == 'a\" \"b' || approvals < 3 )",
        "TaskFact( owner == 'say \"hi\"' )",
    })
    void aSingleQuotedStringHoldingADoubleQuoteIsRefusedAtItsPlace(String pattern) {
        Throwable thrown = check(rule(pattern));

        assertThat(thrown).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a single-quoted string holding a double quote is refused");
        var where = ((InvalidInputException) thrown).location().orElseThrow();
        assertThat(where.line()).isEqualTo(6);
        assertThat(rule(pattern).lines().toList().get(5).charAt(where.column() - 1)).isEqualTo('\'');
    }

    @Test
    void theFirstRefusedRuleLetTheOwnerItNamesThrough() {
        // What Drools compiled of it: the reader's "every owner" was two comparisons.
        var kit = GovernanceTestKit.fromDrl(rule("TaskFact( owner != \"nobody\" && owner != \"\" )"));

        assertThat(kit.evaluate(Inputs.goodTask("FE-1").owner("nobody").build()).violations()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner == \"a\" \"b\"", "owner == \"a\"; approvals < 3", "approvals < 3 owner"})
    void aConditionTheExpressionParserStopsBeforeTheEndOfIsNotReadToItsEnd(String condition) {
        assertThat(PolicyLanguage.readToItsEnd(condition)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "TaskFact( owner != 'nobody' )",
        "TaskFact( owner == \"it's\" || owner == 'say hi' || owner == \"say \\\"hi\\\"\" )",
        "TaskFact( owner != null, approvals < 3 || isCritical() )",
        "TaskFact( $o : owner, owner in (\"a\", 'b') )",
        "TaskFact( owner == \"a\" /* 'a\"' */ )",
        "TaskFact( owner not matches \"(?i)x.*\", dependencies contains \"be:BE-1\" )",
    })
    void conditionsReadToTheirEndStay(String pattern) {
        assertThatCode(() -> PolicyLanguage.check("rules/x.drl", rule(pattern).getBytes(StandardCharsets.UTF_8)))
                .doesNotThrowAnyException();
    }
}
