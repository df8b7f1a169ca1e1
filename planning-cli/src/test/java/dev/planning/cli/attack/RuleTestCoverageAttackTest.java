package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.rules.internal.defaults.DefaultRulebook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The twentieth review, through {@code planning rules test --fail-under 100} on a copy of the
 * default rulebook: the contributor makes {@code critical-approvals} report nothing (its one
 * {@code insert} under an {@code if} that never holds; the rule still fires) and rewrites the case
 * that showed it so that it still passes. Coverage counted a rule that fired, so the run said
 * "100.0% (12 of 12 rules)" and exited 0 over a rule that can no longer fail anything. A rule now
 * counts as covered only where a case expects one of its violations and gets it; a case that
 * asserts nothing ({@code only: false}, no violation expected) is refused where it is written.
 */
class RuleTestCoverageAttackTest {

    private static final String CASE = "name: critical item needs three approvals\n";

    @TempDir
    Path temp;

    private Path rulebook;

    @BeforeEach
    void silenceTheApprovalsRule() throws IOException {
        rulebook = temp.resolve("rulebook");
        DefaultRulebook.copyTo(rulebook);
        Path drl = rulebook.resolve("rules/critical.drl");
        String rules = Files.readString(drl);
        String silenced = rules.replaceFirst("(?s)(then\\s+int required = [^;]+;\\s+)(insert\\(.*?\"required\", required\\)\\);)",
                "$1if (\\$t.id().equals(\"nobody\")) { $2 }");
        assertThat(silenced).isNotEqualTo(rules);
        Files.writeString(drl, silenced);
    }

    private CliRun rulesTestWithTheApprovalsCaseExpecting(String expect) throws IOException {
        Path tests = rulebook.resolve("tests/critical.yaml");
        String cases = Files.readString(tests);
        int start = cases.indexOf(CASE);
        int end = cases.indexOf("---", start);
        String rewritten = cases.substring(0, start) + CASE + """
                given:
                  stream: fe
                  cycle: 2025-09-02
                  tasks:
                    - {id: FE-1, title: Pay, owner: alice, tags: {criticality: 0, compliance: none},
                       acceptance_criteria: [works], controls: {approvals: [a, b], review_board: ARB-1,
                       emergency_contact: oncall, rollback_plan: flag off}}
                    - {id: FE-2, title: Cart, tags: {criticality: 2, compliance: none}}
                expect:
                """ + expect + cases.substring(end);
        Files.writeString(tests, rewritten);
        return CliRun.of("rules", "test", rulebook.toString(), "--fail-under", "100");
    }

    @Test
    void aRuleThatFiresAndReportsNothingIsNotCovered() throws IOException {
        Path hygiene = rulebook.resolve("tests/hygiene.yaml");
        String expectations = Files.readString(hygiene);
        String without = expectations.replaceAll("(?m)^ *- \\{rule: critical-approvals, item: FE-\\d+\\}\n", "");
        assertThat(without).isNotEqualTo(expectations);
        Files.writeString(hygiene, without);

        CliRun run = rulesTestWithTheApprovalsCaseExpecting("  only: true\n  violations:\n"
                + "    - {rule: missing-owner, item: FE-2}\n");

        assertThat(run.out()).contains("16 passed, 0 failed")
                .contains("rule coverage: 91.7% (11 of 12 rules), required 100.0%: TOO LOW")
                .contains("rules no test expects a violation of: critical-approvals");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    }

    @Test
    void aCaseThatAssertsNothingIsRefusedAtItsPlace() throws IOException {
        CliRun run = rulesTestWithTheApprovalsCaseExpecting("  only: false\n  violations: []\n");

        assertThat(run.err()).contains("tests/critical.yaml:").contains("the case asserts nothing");
        assertThat(run.out()).doesNotContain("passed");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    }
}
