package dev.planning.cli.attack;

import static dev.planning.cli.attack.BackdatedHandoff.BACKDATED;
import static dev.planning.cli.attack.BackdatedHandoff.EXPIRES;
import static dev.planning.cli.attack.BackdatedHandoff.FE;
import static dev.planning.cli.attack.BackdatedHandoff.at;
import static dev.planning.cli.attack.BackdatedHandoff.sealAt;
import static dev.planning.cli.attack.BackdatedHandoff.signedAt;
import static dev.planning.cli.attack.BackdatedHandoff.signedTodayUnchecked;
import static dev.planning.cli.attack.BackdatedHandoff.waivedPlan;
import static dev.planning.cli.attack.BackdatedHandoff.waiversLeftOutOfTheManifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.VerificationReport;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import dev.planning.engine.internal.signing.TrustFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trusted day on the paths {@link BackdatedClockAttackTest} does not take: {@code attest},
 * {@code verify --checksums-only}, and a cycle past {@code PACKAGED} ({@code advance}, {@code status},
 * {@code verify} after the handoff), and the edge of the clock skew the verifier allows. The
 * contributor holds no key and runs planning with whatever clock they like ({@link BackdatedHandoff#at});
 * every command here but the set-up runs with the verifier's own clock.
 */
@Tag("slow")
@Tag("attack")
class TrustedDayPathsAttackTest {

    /** A day no clock has reached. */
    private static final String FUTURE = "2999-01-01T00:00:00Z";

    /** What names the expired waiver. */
    private static final String EXPIRED = "the handoff used the waiver of critical-approvals for FE-12, which expired on "
            + EXPIRES;
    /** What names a timestamp in the future. */
    private static final String IN_THE_FUTURE = "is in the future of the verifier's clock";

    @TempDir
    Path dir;

    /** Exit 1, no stack trace, an {@code EVIDENCE_MISMATCH} and everything of {@code names} in the output. */
    private static void fails(CliRun run, String... names) {
        String output = run.out() + run.err();
        assertThat(run.exitCode()).as(output).isEqualTo(1);
        assertThat(output).contains("EVIDENCE_MISMATCH").contains(names);
        assertThat(run.printedStackTrace()).isFalse();
    }

    /**
     * The backdated seal, signed today without checking, taken past PACKAGED with the backdated clock;
     * unless {@code inSummary}, the waiver was left out of the manifest's governance summary before
     * the keyholders signed (only the sealed evidence still records it).
     */
    private AttackWorkspace backdatedAndExecuted(boolean inSummary) throws Exception {
        AttackWorkspace ws = waivedPlan(dir);
        sealAt(ws, BACKDATED);
        if (!inSummary) {
            waiversLeftOutOfTheManifest(ws);
        }
        signedTodayUnchecked(ws);
        if (inSummary) {
            assertThat(at(ws, BACKDATED).advance(FE, CycleState.EXECUTED).accepted()).isTrue();
        } else {
            // Since attack36 release_readiness refuses a summary that leaves out a waiver the recomputed verdict
            // used; the move is written into the log as a release before it made it, for the checks past PACKAGED.
            assertThat(at(ws, BACKDATED).advance(FE, CycleState.EXECUTED).accepted()).isFalse();
            AttackWorkspace.rewriteLog(ws.path(AttackWorkspace.LOG), lines -> {
                lines.add(AttackWorkspace.forgedTransition(lines.get(lines.size() - 1), "evt_executed", "PACKAGED",
                        "EXECUTED", "release_readiness"));
                return lines;
            });
        }
        ws.commit("executed");
        return ws;
    }

    /** The team's signed handoff, moved to EXECUTED by a clock set forward to {@value #FUTURE}. */
    private AttackWorkspace executedInTheFuture() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        assertThat(at(ws, FUTURE).advance(FE, CycleState.EXECUTED).accepted()).isTrue();
        ws.commit("executed");
        return ws;
    }

    private static CliRun attest(AttackWorkspace ws) {
        return ws.run(ws.cycleArgs("attest", "--key", ws.keys().resolve("PM.key.pem").toString(), "--trust",
                ws.trust()));
    }

    private static CliRun status(AttackWorkspace ws) {
        return ws.run(ws.cycleArgs("status", "--trust", ws.trust()));
    }

    @Test
    void attestRefusesABackdatedSeal() throws Exception {
        AttackWorkspace ws = waivedPlan(dir);
        sealAt(ws, BACKDATED);
        AttackWorkspace.Snapshot before = ws.snapshot();

        CliRun attest = attest(ws);

        fails(attest, "cannot attest", EXPIRED);
        assertThat(attest.out()).doesNotContain("\"payloadType\"");
        assertThat(before.changes(ws.snapshot())).isEmpty();
    }

    @Test
    void attestRefusesASealDatedInTheFuture() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        sealAt(ws, FUTURE);

        CliRun attest = attest(ws);

        // It names the first discrepancy (created_at, sealed_at and every event's at are all in the future).
        fails(attest, "cannot attest", FUTURE, IN_THE_FUTURE);
        assertThat(attest.out()).doesNotContain("\"payloadType\"");
    }

    @Test
    void checksumsOnlyVerifyRefusesABackdatedSealSignedToday() throws Exception {
        AttackWorkspace ws = waivedPlan(dir);
        sealAt(ws, BACKDATED);
        signedTodayUnchecked(ws);

        fails(ws.verify("--checksums-only"), EXPIRED);
    }

    @Test
    void checksumsOnlyVerifyRefusesASealDatedInTheFuture() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        sealAt(ws, FUTURE);
        signedTodayUnchecked(ws);

        fails(ws.verify("--checksums-only"), "sealed_at " + FUTURE, IN_THE_FUTURE);
    }

    @ParameterizedTest(name = "waiver in the manifest's summary: {0}")
    @ValueSource(booleans = {true, false})
    void statusPastPackagedReportsTheExpiredWaiverOfABackdatedSeal(boolean inSummary) throws Exception {
        AttackWorkspace ws = backdatedAndExecuted(inSummary);

        fails(status(ws), "UNSIGNED HISTORY", EXPIRED);
    }

    @ParameterizedTest(name = "waiver in the manifest's summary: {0}")
    @ValueSource(booleans = {true, false})
    void advancePastExecutedRefusesTheExpiredWaiverOfABackdatedSeal(boolean inSummary) throws Exception {
        AttackWorkspace ws = backdatedAndExecuted(inSummary);
        CycleScript.importOutcomes(ws.root());
        ws.commit("outcomes");

        fails(ws.advance("VALIDATED"), "may not move from EXECUTED to VALIDATED", EXPIRED);
    }

    @ParameterizedTest(name = "waiver in the manifest's summary: {0}")
    @ValueSource(booleans = {true, false})
    void verifyPastPackagedReportsTheExpiredWaiverOfABackdatedSeal(boolean inSummary) throws Exception {
        AttackWorkspace ws = backdatedAndExecuted(inSummary);

        fails(ws.verify(), EXPIRED);
    }

    @Test
    void checksumsOnlyVerifyReportsAnExpiredWaiverOnlyTheSealedEvidenceRecords() throws Exception {
        AttackWorkspace ws = waivedPlan(dir);
        sealAt(ws, BACKDATED);
        waiversLeftOutOfTheManifest(ws);
        signedTodayUnchecked(ws);

        fails(ws.verify("--checksums-only"), EXPIRED);
    }

    @Test
    void aHandoffSignedWhileItsWaiverHeldMovesOnAfterItExpired() throws Exception {
        AttackWorkspace ws = waivedPlan(dir);
        sealAt(ws, BACKDATED);
        signedAt(ws, "2025-09-12T09:00:00Z");

        CliRun advance = ws.advance("EXECUTED");
        ws.commit("executed");
        CliRun status = status(ws);

        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isZero();
        assertThat(status.exitCode()).as(status.out()).isZero();
        assertThat(status.out()).contains("EXECUTED").doesNotContain("UNSIGNED HISTORY");
    }

    /**
     * time41: a log whose last event is dated ahead of every clock (forged, or written by a clock set forward) dates
     * every later event no earlier, since the tool dates no event before the one it follows; so the team's own seal,
     * made today, is dated ahead too. That fails closed: {@code sign} refuses the handoff, naming the events dated in
     * the future, the pushed ones among them, and signs nothing.
     */
    @Test
    void aLogDatedAheadPushesTheSealForwardAndSignRefusesIt() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        assertThat(at(ws, FUTURE).advance(FE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        ws.commit("ahead");
        ws.ok(ws.cycleArgs("seal"));
        ws.commit("sealed");
        AttackWorkspace.Snapshot before = ws.snapshot();

        CliRun sign = ws.sign("PM");

        String output = sign.out() + sign.err();
        assertThat(sign.exitCode()).as(output).isNotZero();
        assertThat(output).contains("EVIDENCE_MISMATCH", AttackWorkspace.LOG + ":3", "at " + FUTURE, IN_THE_FUTURE);
        assertThat(before.changes(ws.snapshot())).isEmpty();
    }

    @Test
    void statusPastPackagedReportsAnEventDatedInTheFuture() throws Exception {
        AttackWorkspace ws = executedInTheFuture();

        fails(status(ws), "UNSIGNED HISTORY", AttackWorkspace.LOG + ":", "at " + FUTURE, IN_THE_FUTURE);
    }

    @Test
    void advancePastExecutedRefusesAnEventDatedInTheFuture() throws Exception {
        AttackWorkspace ws = executedInTheFuture();
        CycleScript.importOutcomes(ws.root());
        ws.commit("outcomes");

        fails(ws.advance("VALIDATED"), "may not move from EXECUTED to VALIDATED", "at " + FUTURE, IN_THE_FUTURE);
    }

    @Test
    void verifyPastPackagedReportsAnEventDatedInTheFuture() throws Exception {
        AttackWorkspace ws = executedInTheFuture();

        fails(ws.verify(), "at " + FUTURE, IN_THE_FUTURE);
    }

    /** The verifier's clock; the seal below is written by a clock ahead of it. */
    private static final String VERIFIER = "2026-01-01T12:00:00Z";

    /** A handoff sealed and signed by a clock at {@code sealed}, verified by one at {@value #VERIFIER}. */
    private List<Discrepancy> verifiedAtVerifierClock(String sealed) throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        sealAt(ws, sealed);
        signedAt(ws, sealed);
        VerificationReport report = at(ws, VERIFIER).verify(FE, TrustFile.read(Path.of(ws.trust())));
        return report.discrepancies();
    }

    @Test
    void aSealExactlyTheAllowedSkewAheadOfTheVerifierVerifies() throws Exception {
        assertThat(verifiedAtVerifierClock("2026-01-01T12:05:00Z")).isEmpty();
    }

    @Test
    void aSealOneSecondBeyondTheAllowedSkewIsInTheFuture() throws Exception {
        assertThat(verifiedAtVerifierClock("2026-01-01T12:05:01Z")).isNotEmpty()
                .allSatisfy(d -> assertThat(d.kind()).isEqualTo(DiscrepancyKind.EVIDENCE_MISMATCH))
                .anySatisfy(d -> assertThat(d.describe()).contains("sealed_at 2026-01-01T12:05:01Z", "in the future"));
    }
}
