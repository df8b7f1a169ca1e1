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
import dev.planning.engine.internal.signing.TrustFile;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trusted day on the paths {@link BackdatedClockAttackTest} does not take: {@code attest},
 * {@code verify --checksums-only}, and a cycle past {@code PACKAGED} ({@code advance}, {@code status},
 * {@code verify} after the handoff), and the edge of the clock skew the verifier allows. The
 * contributor holds no key and runs planning with whatever clock they like ({@link BackdatedHandoff#at});
 * every command here but the set-up runs with the verifier's own clock.
 */
class TrustedDayPathsAttackTest {

    /** A day no clock has reached. */
    private static final String FUTURE = "2999-01-01T00:00:00Z";

    @TempDir
    Path dir;

    /** The backdated seal, signed today without checking, taken past PACKAGED with the backdated clock. */
    private AttackWorkspace backdatedAndExecuted() throws Exception {
        AttackWorkspace ws = waivedPlan(dir);
        sealAt(ws, BACKDATED);
        signedTodayUnchecked(ws);
        assertThat(at(ws, BACKDATED).advance(FE, CycleState.EXECUTED).accepted()).isTrue();
        ws.commit("executed");
        return ws;
    }

    /**
     * {@link #backdatedAndExecuted}, but the waiver left out of the manifest's governance summary before
     * the keyholders signed: only the sealed evidence still records it.
     */
    private AttackWorkspace backdatedWithoutWaiversAndExecuted() throws Exception {
        AttackWorkspace ws = waivedPlan(dir);
        sealAt(ws, BACKDATED);
        waiversLeftOutOfTheManifest(ws);
        signedTodayUnchecked(ws);
        assertThat(at(ws, BACKDATED).advance(FE, CycleState.EXECUTED).accepted()).isTrue();
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

    /** Imports the example's outcomes, so that the cycle at EXECUTED could otherwise move on. */
    private static void importOutcomes(AttackWorkspace ws) throws Exception {
        Path outcomes = Path.of("..", "planning-examples", "demo", "outcomes", "2025-09-02").toAbsolutePath();
        List<String> files;
        try (Stream<Path> list = java.nio.file.Files.list(outcomes)) {
            files = list.map(Path::toString).sorted().toList();
        }
        ws.ok(ws.cycleArgs("import", files.toArray(String[]::new)));
        ws.commit("outcomes");
    }

    @Test
    void attestRefusesABackdatedSeal() throws Exception {
        AttackWorkspace ws = waivedPlan(dir);
        sealAt(ws, BACKDATED);
        AttackWorkspace.Snapshot before = ws.snapshot();

        CliRun attest = attest(ws);

        assertThat(attest.exitCode()).as(attest.out() + attest.err()).isNotZero();
        assertThat(attest.out() + attest.err()).contains("EVIDENCE_MISMATCH", "critical-approvals", "FE-12",
                "expired on " + EXPIRES).doesNotContain("\"payloadType\"");
        assertThat(attest.printedStackTrace()).isFalse();
        assertThat(before.changes(ws.snapshot())).isEmpty();
    }

    @Test
    void attestRefusesASealDatedInTheFuture() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        sealAt(ws, FUTURE);

        CliRun attest = attest(ws);

        assertThat(attest.exitCode()).as(attest.out() + attest.err()).isNotZero();
        // It names the first discrepancy (created_at, sealed_at and every event's at are all in the future).
        assertThat(attest.out() + attest.err()).contains("EVIDENCE_MISMATCH", FUTURE, "in the future")
                .doesNotContain("\"payloadType\"");
    }

    @Test
    void checksumsOnlyVerifyRefusesABackdatedSealSignedToday() throws Exception {
        AttackWorkspace ws = waivedPlan(dir);
        sealAt(ws, BACKDATED);
        signedTodayUnchecked(ws);

        CliRun verify = ws.verify("--checksums-only");

        assertThat(verify.exitCode()).as(verify.out()).isEqualTo(1);
        assertThat(verify.out()).contains("EVIDENCE_MISMATCH", "critical-approvals", "FE-12", "expired on " + EXPIRES);
    }

    @Test
    void checksumsOnlyVerifyRefusesASealDatedInTheFuture() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        sealAt(ws, FUTURE);
        signedTodayUnchecked(ws);

        CliRun verify = ws.verify("--checksums-only");

        assertThat(verify.exitCode()).as(verify.out()).isEqualTo(1);
        assertThat(verify.out()).contains("EVIDENCE_MISMATCH", "sealed_at " + FUTURE, "in the future");
    }

    @Test
    void statusPastPackagedReportsTheExpiredWaiverOfABackdatedSeal() throws Exception {
        AttackWorkspace ws = backdatedAndExecuted();

        CliRun status = status(ws);

        assertThat(status.exitCode()).as(status.out()).isEqualTo(1);
        assertThat(status.out()).contains("UNSIGNED HISTORY", "EVIDENCE_MISMATCH", "critical-approvals", "FE-12",
                "expired on " + EXPIRES);
    }

    @Test
    void advancePastExecutedRefusesTheExpiredWaiverOfABackdatedSeal() throws Exception {
        AttackWorkspace ws = backdatedAndExecuted();
        importOutcomes(ws);

        CliRun advance = ws.advance("VALIDATED");

        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isNotZero();
        assertThat(advance.out() + advance.err()).contains("EVIDENCE_MISMATCH", "critical-approvals", "FE-12",
                "expired on " + EXPIRES);
        assertThat(advance.printedStackTrace()).isFalse();
    }

    @Test
    void verifyPastPackagedReportsTheExpiredWaiverOfABackdatedSeal() throws Exception {
        AttackWorkspace ws = backdatedAndExecuted();

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).as(verify.out()).isEqualTo(1);
        assertThat(verify.out()).contains("EVIDENCE_MISMATCH", "critical-approvals", "FE-12", "expired on " + EXPIRES);
    }

    @Test
    void statusPastPackagedReportsAnExpiredWaiverOnlyTheSealedEvidenceRecords() throws Exception {
        AttackWorkspace ws = backdatedWithoutWaiversAndExecuted();

        CliRun status = status(ws);

        assertThat(status.exitCode()).as(status.out()).isEqualTo(1);
        assertThat(status.out()).contains("UNSIGNED HISTORY", "EVIDENCE_MISMATCH", "critical-approvals", "FE-12",
                "expired on " + EXPIRES);
    }

    @Test
    void advancePastExecutedRefusesAnExpiredWaiverOnlyTheSealedEvidenceRecords() throws Exception {
        AttackWorkspace ws = backdatedWithoutWaiversAndExecuted();
        importOutcomes(ws);

        CliRun advance = ws.advance("VALIDATED");

        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isNotZero();
        assertThat(advance.out() + advance.err()).contains("EVIDENCE_MISMATCH", "critical-approvals", "FE-12",
                "expired on " + EXPIRES);
    }

    @Test
    void verifyReportsAnExpiredWaiverOnlyTheSealedEvidenceRecords() throws Exception {
        AttackWorkspace ws = backdatedWithoutWaiversAndExecuted();

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).as(verify.out()).isEqualTo(1);
        assertThat(verify.out()).contains("EVIDENCE_MISMATCH", "critical-approvals", "FE-12", "expired on " + EXPIRES);
    }

    @Test
    void checksumsOnlyVerifyReportsAnExpiredWaiverOnlyTheSealedEvidenceRecords() throws Exception {
        AttackWorkspace ws = waivedPlan(dir);
        sealAt(ws, BACKDATED);
        waiversLeftOutOfTheManifest(ws);
        signedTodayUnchecked(ws);

        CliRun verify = ws.verify("--checksums-only");

        assertThat(verify.exitCode()).as(verify.out()).isEqualTo(1);
        assertThat(verify.out()).contains("EVIDENCE_MISMATCH", "critical-approvals", "FE-12", "expired on " + EXPIRES);
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

    @Test
    void statusPastPackagedReportsAnEventDatedInTheFuture() throws Exception {
        AttackWorkspace ws = executedInTheFuture();

        CliRun status = status(ws);

        assertThat(status.exitCode()).as(status.out()).isEqualTo(1);
        assertThat(status.out()).contains("UNSIGNED HISTORY", "EVIDENCE_MISMATCH", AttackWorkspace.LOG + ":",
                "at " + FUTURE, "in the future");
    }

    @Test
    void advancePastExecutedRefusesAnEventDatedInTheFuture() throws Exception {
        AttackWorkspace ws = executedInTheFuture();
        importOutcomes(ws);

        CliRun advance = ws.advance("VALIDATED");

        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isNotZero();
        assertThat(advance.out() + advance.err()).contains("EVIDENCE_MISMATCH", "at " + FUTURE, "in the future");
    }

    @Test
    void verifyPastPackagedReportsAnEventDatedInTheFuture() throws Exception {
        AttackWorkspace ws = executedInTheFuture();

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).as(verify.out()).isEqualTo(1);
        assertThat(verify.out()).contains("EVIDENCE_MISMATCH", "at " + FUTURE, "in the future");
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
