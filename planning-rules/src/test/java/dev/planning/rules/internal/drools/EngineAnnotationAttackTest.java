package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.rules.Inputs;
import dev.planning.rules.testkit.GovernanceTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seventeenth review: the policy language allows rule metadata with a lower-case name, as plain
 * data that travels with a violation. Drools resolves such a name, capitalised, against its own
 * annotation types, so {@code @direct} became {@code org.kie.api.definition.rule.Direct} (for Drools: run the
 * consequence as the match is made, not through the agenda), {@code @propagation(IMMEDIATE)} sets how
 * its matches propagate, and {@code @activationListener("query")} handed its matches to the query
 * machinery: evaluating it ended in a {@code ClassCastException} out of Drools, not a located refusal.
 * Metadata Drools reads as anything but plain metadata is now refused when the rules are compiled.
 */
class EngineAnnotationAttackTest {

    private static final String HEAD = """
            package dev.planning.rules.custom;

            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;

            """;

    private static String rule(String metadata) {
        return HEAD + "rule r " + metadata + " @severity(CRITICAL)\nwhen\n    $t : TaskFact(criticality == 0)\n"
                + "then\n    insert(Report.violation(kcontext, $t, \"critical\"));\nend\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"@direct", "@all", "@propagation(IMMEDIATE)", "@activationListener(\"direct\")",
        "@activationListener(\"query\")", "@description(\"x\")"})
    void metadataDroolsReadsAsItsOwnAnnotationIsRefusedNamingIt(String metadata) {
        String name = metadata.substring(1, metadata.contains("(") ? metadata.indexOf('(') : metadata.length());

        assertThatThrownBy(() -> GovernanceTestKit.fromDrl(rule(metadata)).evaluate(Inputs.goodCriticalTask("FE-1").build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rule 'r': metadata @" + name + " is read by Drools as ")
                .hasMessageContaining("use another name");
    }

    /**
     * attack43: such metadata with a value Drools cannot decode ended the compile in a {@code RuntimeException}
     * out of Drools ({@code planning rules test}: "internal error", exit 3) before the compiled rules were checked;
     * it is refused on the parsed form, before Drools builds it, at its rule's declaration (line 6, column 1), where
     * the check of the compiled rules locates such metadata ({@link EveryCompiledRuleCheckedTest}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"@propagation(NOSUCH)", "@deprecated(x)"})
    void metadataDroolsCannotDecodeIsRefusedBeforeItIsCompiled(String metadata) {
        String name = metadata.substring(1, metadata.indexOf('('));

        assertThatThrownBy(() -> GovernanceTestKit.fromDrl(rule(metadata)).evaluate(Inputs.goodCriticalTask("FE-1").build()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.location()).hasValueSatisfying(where -> {
                            assertThat(where.line()).isEqualTo(6);
                            assertThat(where.column()).isEqualTo(1);
                        }))
                .hasMessageContaining("rule 'r': metadata @" + name + " is read by Drools as ")
                .hasMessageContaining("use another name");
    }

    @Test
    void plainMetadataStaysInTheLanguageAndTravelsWithTheViolation() {
        var decision = GovernanceTestKit.fromDrl(rule("@control(\"SOX-404\") @policy(critical_zero) @eager"))
                .evaluate(Inputs.goodCriticalTask("FE-1").build());

        assertThat(decision.violations()).singleElement()
                .satisfies(v -> assertThat(v.metadata()).containsEntry("control", "SOX-404")
                        .containsEntry("policy", "critical_zero").containsKey("eager"));
    }
}
