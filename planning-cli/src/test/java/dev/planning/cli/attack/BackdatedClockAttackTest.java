package dev.planning.cli.attack;

import static dev.planning.cli.attack.BackdatedHandoff.sealAt;
import static dev.planning.cli.attack.BackdatedHandoff.signedAt;
import static dev.planning.cli.attack.BackdatedHandoff.signedTodayUnchecked;
import static dev.planning.cli.attack.BackdatedHandoff.waivedPlan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backdated clock: the waivers a sealed handoff used are judged on a day the contributor cannot
 * choose. The contributor (no key) needs a waiver that has expired: FE-12 lacks one of its three
 * approvals, and the decision log's waiver of {@code critical-approvals} for FE-12 expired on
 * {@value #EXPIRES}. Sealing with today's clock fails governance, so the contributor seals with a
 * clock set back to {@value #BACKDATED}: every unsigned timestamp (the events' {@code at}, the gate
 * evidence's {@code at}, the manifest's {@code sealed_at}) says the waiver was in force, and the
 * log, the evidence and the manifest anchor each other as a real seal would. Re-deriving the verdict
 * as of those timestamps passes. What stops it: the waivers used must hold on a trusted day, the
 * verifier's own clock or the {@code signed_at} of the latest trusted signature, never an unsigned
 * timestamp; and a timestamp in the future of the verifier's clock is an {@code EVIDENCE_MISMATCH}.
 * A handoff the team sealed and signed while the waiver held still verifies after it expires.
 */
@Tag("slow")
@Tag("attack")
class BackdatedClockAttackTest {

    private static final String EXPIRES = BackdatedHandoff.EXPIRES;
    private static final String BACKDATED = BackdatedHandoff.BACKDATED;

    @TempDir
    Path dir;

    @Test
    void todaysClockRefusesTheExpiredWaiver() throws Exception {
        AttackWorkspace ws = waivedPlan(dir);

        CliRun advance = ws.advance("READY_FOR_HANDOFF");

        assertThat(advance.exitCode()).as(advance.out()).isEqualTo(1);
        assertThat(advance.out()).contains("FE-12 violates critical-approvals");
    }

    @Test
    void aSealBackdatedIntoTheWaiversLifetimeIsNotSigned() throws Exception {
        AttackWorkspace ws = waivedPlan(dir);
        sealAt(ws, BACKDATED);
        AttackWorkspace.Snapshot before = ws.snapshot();

        CliRun sign = ws.sign("PM");

        assertThat(sign.exitCode()).as(sign.out() + sign.err()).isNotZero();
        assertThat(sign.out() + sign.err()).contains("EVIDENCE_MISMATCH", "critical-approvals", "FE-12",
                "expired on " + EXPIRES);
        assertThat(sign.printedStackTrace()).isFalse();
        assertThat(before.changes(ws.snapshot())).isEmpty();
    }

    @Test
    void aBackdatedSealSignedTodayByAToolThatDidNotCheckFailsVerify() throws Exception {
        AttackWorkspace ws = waivedPlan(dir);
        sealAt(ws, BACKDATED);
        // The waiver's lifetime is over on the day the keyholders sign.
        signedTodayUnchecked(ws);

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).as(verify.out()).isEqualTo(1);
        assertThat(verify.out()).contains("EVIDENCE_MISMATCH", "critical-approvals", "FE-12",
                "expired on " + EXPIRES);
    }

    @Test
    void aHandoffSealedAndSignedWhileTheWaiverHeldStillVerifiesAfterItExpired() throws Exception {
        AttackWorkspace ws = waivedPlan(dir);
        sealAt(ws, BACKDATED);
        signedAt(ws, "2025-09-12T09:00:00Z");

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("verified");
    }

    @Test
    void aSealDatedInTheVerifiersFutureIsNotSigned() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        sealAt(ws, "2999-01-01T00:00:00Z");
        AttackWorkspace.Snapshot before = ws.snapshot();

        CliRun sign = ws.sign("PM");

        assertThat(sign.exitCode()).as(sign.out() + sign.err()).isNotZero();
        assertThat(sign.out() + sign.err()).contains("EVIDENCE_MISMATCH", "sealed_at 2999-01-01T00:00:00Z",
                "in the future");
        assertThat(before.changes(ws.snapshot())).isEmpty();
    }
}
