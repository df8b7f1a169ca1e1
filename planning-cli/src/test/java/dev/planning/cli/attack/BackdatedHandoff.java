package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.cli.CycleScript;
import dev.planning.engine.Planning;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.signing.ManifestSignatures;
import dev.planning.engine.internal.signing.PemSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The backdated clock's set-up, shared by the attacks on the trusted day: FE-12 lacks one of its
 * three approvals, and the decision log's waiver of {@code critical-approvals} for FE-12 expired on
 * {@value #EXPIRES}; the contributor (no key) runs planning with a clock stopped where they like
 * ({@link #at}), for instance {@value #BACKDATED}, inside the waiver's lifetime.
 */
final class BackdatedHandoff {

    static final CycleRef FE = new CycleRef(AttackWorkspace.STREAM, AttackWorkspace.CYCLE);
    static final String EXPIRES = "2025-09-30";
    static final String BACKDATED = "2025-09-10T10:00:00Z";

    private BackdatedHandoff() {
    }

    /** The plan with FE-12 short of an approval and an expired waiver for it, committed; cycle PLANNED. */
    static AttackWorkspace waivedPlan(Path dir) throws Exception {
        return waivedPlan(dir, EXPIRES);
    }

    /** The plan with FE-12 short of an approval and a waiver for it until {@code expires}, committed; cycle PLANNED. */
    static AttackWorkspace waivedPlan(Path dir, String expires) throws Exception {
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
                """.formatted(expires));
        ws.commit("plan");
        return ws;
    }

    /** The workspace run with a clock stopped at {@code at}: what anyone can do, key or none. */
    static PlanningWorkspace at(AttackWorkspace ws, String at) {
        return Planning.builder().workspace(ws.root()).trustFile(Path.of(ws.trust()))
                .clock(Clock.fixed(Instant.parse(at), ZoneOffset.UTC)).build();
    }

    /** Advances to READY_FOR_HANDOFF and seals with the clock at {@code at}, and commits. */
    static void sealAt(AttackWorkspace ws, String at) {
        PlanningWorkspace planning = at(ws, at);
        assertThat(planning.advance(FE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        assertThat(planning.advance(FE, CycleState.PACKAGED).accepted()).isTrue();
        ws.commit("sealed");
    }

    /**
     * The keyholders sign today, as PM, TechLead and QA, with something that does not verify first (a
     * signer SPI, an older release): their {@code signed_at} is today, whatever the seal says. Commits.
     */
    static void signedTodayUnchecked(AttackWorkspace ws) {
        HandoffManifest manifest = ws.manifest();
        for (String role : CycleScript.ROLES) {
            manifest = ManifestSignatures.append(manifest, PemSigner.load(role, ws.keys().resolve(role + ".key.pem")),
                    Instant.now());
        }
        try {
            Files.write(ws.path(AttackWorkspace.MANIFEST), ManifestWriter.render(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ws.commit("signed");
    }

    /**
     * The sealed, unsigned manifest rewritten without the waivers its governance summary lists (the
     * sealed evidence still lists them), and the {@code MANIFEST_SEALED} event made to name the
     * rewritten manifest, the log's chain rebuilt: all files a contributor can write. Commits.
     */
    static void waiversLeftOutOfTheManifest(AttackWorkspace ws) {
        HandoffManifest sealed = ws.manifest();
        assertThat(sealed.signatures()).isEmpty();
        assertThat(sealed.governance().waivers()).isNotEmpty();
        ws.rewriteSealedManifest(artifacts -> artifacts, governance -> new GovernanceSummary(governance.tags(),
                governance.criticalViolations(), List.of(), governance.decisionLogRef()),
                "waivers left out of the manifest");
    }

    /** The team signs as PM, TechLead and QA with planning's clock at {@code at} (it verifies first), and commits. */
    static void signedAt(AttackWorkspace ws, String at) {
        PlanningWorkspace team = at(ws, at);
        for (String role : CycleScript.ROLES) {
            team.sign(FE, PemSigner.load(role, ws.keys().resolve(role + ".key.pem")));
        }
        ws.commit("signed");
    }
}
