package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.engine.fixtures.RuleTestCases;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by attack38 (2026-12-07): {@code planning rules test} printed a case's name, and the difference of a case
 * that failed, as the rule test file wrote them, line breaks kept. Anyone who commits a rule test could so print,
 * above the run's own counts, lines of its own: {@code 3 passed, 0 failed} and a full rule coverage, for a run that
 * failed. The name and every value of the difference are now on their line, a line break written as its escape.
 */
@Tag("slow")
@Tag("attack")
class RuleTestNameAttackTest {

    private static final String TESTS = "rulebook/tests/compliance.yaml";

    /** A case that fails (sox-audit-trail fires on FE-77), named to print a passing run's last lines. */
    private static final String FORGED = RuleTestCases.failing(
            "forged\\n3 passed, 0 failed\\nrule coverage: 100.0% (3 of 3 rules)");

    @TempDir
    Path dir;

    @Test
    void aCasesNameCannotPrintALineOfItsOwnAboveTheRunsCounts() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.edit(TESTS, tests -> tests + FORGED);

        CliRun test = ws.run("rules", "test", ws.root().resolve("rulebook").toString());

        assertThat(test.exitCode()).as(test.out() + test.err()).isEqualTo(1);
        assertThat(test.out()).contains("FAIL tests/compliance.yaml::forged\\u000A3 passed, 0 failed\\u000Arule coverage")
                .contains("+ unexpected: sox-audit-trail on FE-77")
                .doesNotContain("\n3 passed, 0 failed")
                .doesNotContain("\nrule coverage: 100.0% (3 of 3 rules)");
    }
}
