package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} and {@code verify --checksums-only} read the rulebook only when a verdict rests on
 * it: a rulebook a contributor broke never lets a cycle past {@code PACKAGED} show as backed, nor a
 * manifest verify; it only stops blocking the status of cycles no signature is checked for.
 */
@Tag("slow")
@Tag("attack")
class LazyRulebookAttackTest {

    @TempDir
    Path dir;

    private static void breakRulebook(AttackWorkspace ws) {
        ws.edit("rulebook/rulebook.yaml", r -> r + "no_such_setting: true\n");
        ws.commit("rulebook");
    }

    @Test
    void aBrokenRulebookStopsTheStatusOfACyclePastPackagedAndItsVerification() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        assertThat(ws.advance("EXECUTED").exitCode()).isZero();
        breakRulebook(ws);

        CliRun status = ws.run(ws.cycleArgs("status", "--trust", ws.trust()));
        CliRun verify = ws.verify("--checksums-only");

        for (CliRun run : new CliRun[] {status, verify}) {
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
            assertThat(run.err()).startsWith("error: rulebook/rulebook.yaml:").contains("no_such_setting");
            assertThat(run.printedStackTrace()).isFalse();
        }
        assertThat(status.out()).doesNotContain("EXECUTED");
    }

    @Test
    void aBrokenRulebookLeavesTheStatusOfAPackagedCycleButNotItsVerification() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        breakRulebook(ws);

        CliRun status = ws.run(ws.cycleArgs("status", "--trust", ws.trust()));
        CliRun verify = ws.verify("--checksums-only");

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("fe/2025-09-02: PACKAGED");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(2);
        assertThat(verify.err()).contains("rulebook/rulebook.yaml").contains("no_such_setting");
    }

    /**
     * Review of 2026-12-03: {@code status} past {@code PACKAGED} now runs the gates of the moves
     * recorded after the seal again, on a read-only workspace that does not compile the policies
     * up front. A policy file broken after a cycle was validated with governance at
     * {@code EXECUTED -> VALIDATED} never shows the cycle as backed: the changed rulebook breaks the
     * seal's rulebook hash ({@code RULEBOOK_CHANGED}, {@code UNSIGNED HISTORY}), so status exits 1
     * and prints no stack trace (closed before).
     */
    @Test
    void aPolicyBrokenAfterAGovernedMovePastTheSealNeverLetsStatusPass() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.edit("rulebook/rulebook.yaml", r -> r.replace("{transition: \"EXECUTED->VALIDATED\", gates: [parity_coverage]}",
                "{transition: \"EXECUTED->VALIDATED\", gates: [parity_coverage, governance]}"));
        ws.sealNow();
        ws.signAll();
        assertThat(ws.advance("EXECUTED").exitCode()).isZero();
        dev.planning.cli.CycleScript.importOutcomes(ws.root());
        ws.commit("outcomes");
        CliRun validated = ws.advance("VALIDATED");
        assertThat(validated.exitCode()).as(validated.out() + validated.err()).isZero();
        ws.commit("validated");
        CliRun clean = ws.run(ws.cycleArgs("status", "--trust", ws.trust()));
        assertThat(clean.exitCode()).as(clean.out() + clean.err()).isZero();

        ws.edit("rulebook/rules/critical.drl", drl -> drl + "\nrule \"broken\" when then System.exit(0) end oops\n");
        ws.commit("policy broken");
        CliRun status = ws.run(ws.cycleArgs("status", "--trust", ws.trust()));

        assertThat(status.exitCode()).as(status.out() + status.err()).isEqualTo(1);
        assertThat(status.out()).contains("UNSIGNED HISTORY", "RULEBOOK_CHANGED");
        assertThat(status.printedStackTrace()).isFalse();
    }
}
