package dev.planning.rules.testkit;

import static dev.planning.rules.testkit.GovernanceAssertions.assertThat;
import static dev.planning.rules.testkit.GovernanceAssertions.v;

import dev.planning.api.artifact.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * attack39: a rulebook's {@code required_tags} entry is any text, and the shipped {@code required-tags} rule reads it
 * as a tag's key is read (ignoring case and surrounding blanks: {@code TaskFact.hasTagValue}), but
 * {@code RulebookFacts.criticalityOf} compared it as written. With {@code "criticality "} required (a blank hard to
 * see in a review, which {@code rules diff} called the same tags written otherwise), a task without the tag drew the
 * required-tags rule's MEDIUM finding alone and read as having no criticality, so no Critical=0 rule judged it: three
 * approvals missing, governance passed. It reads as critical (0), as with {@code criticality} required.
 */
class RequiredCriticalityKeyAttackTest {

    private static final String RULES = """
            package policies;
            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.RulebookFacts;
            import dev.planning.rules.facts.Report;
            rule "required-tags" @severity(MEDIUM)
            when $rb : RulebookFacts() $t : TaskFact() $key : String() from $rb.requiredTags() eval(!$t.hasTagValue($key))
            then insert(Report.violation(kcontext, $t, "no tag")); end
            rule "critical-approvals" @severity(CRITICAL)
            when $t : TaskFact(criticality == 0, approvals < 3)
            then insert(Report.violation(kcontext, $t, "critical, too few approvals")); end
            """;

    @Test
    void aTaskWithoutTheTagIsCriticalWhateverBlanksTheRequiredKeyIsWrittenWith() {
        for (String key : List.of("criticality", "criticality ", " Criticality", "\tcriticality")) {
            GovernanceTestKit kit = GovernanceTestKit.fromDrl(RULES).withRequiredTags(key);

            assertThat(kit.evaluate(Task.builder("FE-1", "Checkout").build()))
                    .hasOnlyViolations(v("required-tags", "FE-1"), v("critical-approvals", "FE-1"));
        }
    }
}
