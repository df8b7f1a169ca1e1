package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import dev.planning.engine.Planning;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.signing.ManifestSignatures;
import dev.planning.engine.internal.signing.PemSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

    private static final CycleRef FE = new CycleRef(AttackWorkspace.STREAM, AttackWorkspace.CYCLE);
    private static final String EXPIRES = "2025-09-30";
    private static final String BACKDATED = "2025-09-10T10:00:00Z";

    @TempDir
    Path dir;

    /** The plan with FE-12 short of an approval and an expired waiver for it, committed; cycle PLANNED. */
    private static AttackWorkspace waivedPlan(Path dir) throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.edit(AttackWorkspace.TASKS, t -> t.replace("approvals: [pm-dana, techlead-erik, qa-fay]",
                "approvals: [pm-dana, techlead-erik]"));
        ws.write(AttackWorkspace.DECISION_LOG, """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                waivers:
                  - rule: critical-approvals
                    item: FE-12
                    reason: third approver on leave
                    approver: cto-gina
                    expires: %s
                """.formatted(EXPIRES));
        ws.commit("plan");
        return ws;
    }

    /** The workspace run with a clock stopped at {@code at}: what anyone can do, key or none. */
    private static PlanningWorkspace at(AttackWorkspace ws, String at) {
        return Planning.builder().workspace(ws.root()).trustFile(Path.of(ws.trust()))
                .clock(Clock.fixed(Instant.parse(at), ZoneOffset.UTC)).build();
    }

    /** Advances to READY_FOR_HANDOFF and seals with the clock at {@code at}, and commits. */
    private static void sealAt(AttackWorkspace ws, String at) {
        PlanningWorkspace planning = at(ws, at);
        assertThat(planning.advance(FE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        assertThat(planning.advance(FE, CycleState.PACKAGED).accepted()).isTrue();
        ws.commit("sealed");
    }

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
        // Keyholders sign today with something that does not verify first (a signer SPI, an older
        // release): their signed_at is today, the waiver's lifetime is over.
        HandoffManifest manifest = new ManifestReader(ws.root()).read(ws.path(AttackWorkspace.MANIFEST),
                AttackWorkspace.MANIFEST).manifest();
        for (String role : CycleScript.ROLES) {
            manifest = ManifestSignatures.append(manifest, PemSigner.load(role, ws.keys().resolve(role + ".key.pem")),
                    Instant.now());
        }
        Files.write(ws.path(AttackWorkspace.MANIFEST), ManifestWriter.render(manifest));
        ws.commit("signed");

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).as(verify.out()).isEqualTo(1);
        assertThat(verify.out()).contains("EVIDENCE_MISMATCH", "critical-approvals", "FE-12",
                "expired on " + EXPIRES);
    }

    @Test
    void aHandoffSealedAndSignedWhileTheWaiverHeldStillVerifiesAfterItExpired() throws Exception {
        AttackWorkspace ws = waivedPlan(dir);
        sealAt(ws, BACKDATED);
        PlanningWorkspace team = at(ws, "2025-09-12T09:00:00Z");
        for (String role : CycleScript.ROLES) {
            team.sign(FE, PemSigner.load(role, ws.keys().resolve(role + ".key.pem")));
        }
        ws.commit("signed");

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
