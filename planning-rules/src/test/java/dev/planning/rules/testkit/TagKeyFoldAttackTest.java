package dev.planning.rules.testkit;

import static dev.planning.rules.testkit.GovernanceAssertions.assertThat;
import static dev.planning.rules.testkit.GovernanceAssertions.v;

import dev.planning.api.artifact.Tags;
import dev.planning.api.artifact.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * trust39: tag keys one check read as a governed key and another did not. Plans read from files cannot
 * spell them (the task breakdown's schema allows ASCII keys only, on which every fold agrees:
 * {@code TagKeyFoldPlanAttackTest}); tasks a library user builds in code can, and
 * governance judged them with two folds: the taxonomy and the required tags stripped and lower-cased
 * ({@code TagTaxonomy.foldKey}), a task's {@code compliance} compared keys with {@code equalsIgnoreCase},
 * without stripping. Each case is a GDPR task without a data handling note that the GDPR rule did not see
 * as GDPR while the taxonomy and the required tags saw {@code compliance: gdpr}; every look-up now folds
 * with {@code Tag.fold}, so the rule reports it.
 */
@Tag("slow")
@Tag("attack")
class TagKeyFoldAttackTest {

    private static final GovernanceTestKit KIT = GovernanceTestKit.fromDrl("""
            package policies;
            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;
            rule "gdpr-data-handling" when $t : TaskFact(compliance == "gdpr", dataHandlingNote == null)
            then insert(Report.violation(kcontext, $t, "no data handling note")); end
            """).withTaxonomy("compliance", "sox", "gdpr", "none").withRequiredTags("compliance");

    /** Before: the key with an EM SPACE was {@code compliance} to the taxonomy, none to the rule. */
    @Test
    void aComplianceKeyWithATrailingUnicodeBlankIsCompliance() {
        Task task = Task.builder("FE-12", "Payment").tags(Tags.of("compliance\u2003:gdpr")).build();

        assertThat(KIT.evaluate(task)).hasOnlyViolations(v("gdpr-data-handling", "FE-12"));
    }

    /** Before: {@code complİance: none} written first was the task's compliance; the taxonomy saw another key. */
    @Test
    void aLookAlikeComplianceKeyWrittenFirstCannotHideTheRealOne() {
        for (String lookAlike : new String[] {"compl\u0130ance:none", "compl\u0131ance:none", "COMPL\u0130ANCE:none"}) {
            Task task = Task.builder("FE-12", "Payment").tags(Tags.of(lookAlike, "compliance:gdpr")).build();

            assertThat(KIT.evaluate(task)).hasOnlyViolations(v("gdpr-data-handling", "FE-12"));
        }
    }
}
