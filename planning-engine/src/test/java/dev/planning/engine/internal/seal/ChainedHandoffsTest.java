package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.MANIFEST;
import static dev.planning.engine.internal.seal.SealFixture.PM;
import static dev.planning.engine.internal.seal.SealFixture.QA;
import static dev.planning.engine.internal.seal.SealFixture.TASKS;
import static dev.planning.engine.internal.seal.SealFixture.TECH_LEAD;
import static dev.planning.engine.internal.seal.SealFixture.TRUST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.store.CycleQueries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two real handoffs chained through the public API: cycle 1 sealed and signed, cycle 2 sealed naming
 * cycle 1's manifest as its prior and signed. {@code verify} of cycle 2 follows the chain into cycle 1
 * ({@code ManifestVerifier.chain}); the pending-signatures query judges each cycle on its own manifest,
 * so what refuses cycle 2 through its prior is listed under cycle 1 (docs/sealing.md, SECURITY.md).
 */
class ChainedHandoffsTest {

    private static final CycleRef NEXT = new CycleRef("fe", "2025-09-16");

    @TempDir
    Path dir;

    private Path workspace;
    private PlanningWorkspace ws;
    private HandoffManifest first;
    private HandoffManifest second;

    @BeforeEach
    void chainTwoSignedHandoffs() {
        workspace = SealFixture.readyExample(dir);
        ws = SealFixture.open(workspace);
        assertThat(ws.seal(CYCLE, SealOptions.defaults()).sealed()).isTrue();
        first = signedByAll(CYCLE);

        String map = "frameworks/planning-fe/storymaps/2025-09-02-story_map.md";
        SealFixture.write(workspace, TASKS.replace("2025-09-02", "2025-09-16"),
                SealFixture.read(workspace, TASKS).replace("2025-09-02", "2025-09-16"));
        SealFixture.write(workspace, map.replace("2025-09-02", "2025-09-16"),
                SealFixture.read(workspace, map).replace("2025-09-02", "2025-09-16"));
        SealFixture.commitAll(workspace, "cycle 1 sealed and signed; cycle 2 planned");
        TransitionResult ready = ws.advance(NEXT, CycleState.READY_FOR_HANDOFF);
        assertThat(ready.accepted()).as(ready.failedGates().toString()).isTrue();
        assertThat(ws.seal(NEXT, SealOptions.defaults().withPriorManifestId(first.manifestId())).sealed()).isTrue();
        second = signedByAll(NEXT);
    }

    private HandoffManifest signedByAll(CycleRef cycle) {
        ws.sign(cycle, PM);
        ws.sign(cycle, TECH_LEAD);
        return ws.sign(cycle, QA);
    }

    private List<CycleQueries.PendingSignatures> pending() {
        return ws.queries(TRUST).pendingSignatures();
    }

    @Test
    void bothHandoffsVerifyAlongTheChainAndNothingIsPending() {
        VerificationReport report = ws.verify(NEXT, TRUST);

        assertThat(second.priorManifestId()).contains(first.manifestId());
        assertThat(report.discrepancies()).isEmpty();
        assertThat(report.chain()).containsExactly(second.manifestId(), first.manifestId());
        assertThat(ws.verify(CYCLE, TRUST).discrepancies()).isEmpty();
        assertThat(pending()).isEmpty();
    }

    @Test
    void aChangedPriorManifestRefusesTheLaterHandoffAndIsPendingUnderItsOwnCycle() throws Exception {
        // The prior's notes changed after signing: still a canonical manifest, but no signature verifies on it.
        Path manifest = workspace.resolve(MANIFEST);
        String text = Files.readString(manifest, StandardCharsets.UTF_8);
        assertThat(text).contains("manifest_id: ");
        Files.writeString(manifest, text.replace("manifest_id: ", "notes: \"changed after signing\"\nmanifest_id: "),
                StandardCharsets.UTF_8);

        List<Discrepancy> found = ws.verify(NEXT, TRUST).discrepancies();

        assertThat(found).isNotEmpty().allSatisfy(d -> assertThat(d.kind()).isEqualTo(DiscrepancyKind.PRIOR_MANIFEST));
        assertThat(found).anySatisfy(d -> assertThat(d.message()).contains(first.manifestId()));
        assertThat(ws.verify(CYCLE, TRUST).passed()).isFalse();
        assertThat(pending()).as("cycle 1 says why; cycle 2's own manifest is fully signed").singleElement()
                .satisfies(p -> {
                    assertThat(p.cycle()).isEqualTo(CYCLE);
                    assertThat(p.signedRoles()).isEmpty();
                    assertThat(p.unverifiedRoles()).containsExactly("PM", "QA", "TechLead");
                    assertThat(p.manifestRefused()).hasValueSatisfying(why -> assertThat(why).startsWith(MANIFEST));
                });
    }

    @Test
    void aPriorManifestGoneRefusesTheLaterHandoffAndIsPendingUnderItsOwnCycle() throws Exception {
        Files.delete(workspace.resolve(MANIFEST));

        assertThat(ws.verify(NEXT, TRUST).discrepancies()).extracting(Discrepancy::kind)
                .containsExactly(DiscrepancyKind.PRIOR_MANIFEST);
        assertThat(pending()).singleElement().satisfies(p -> {
            assertThat(p.cycle()).isEqualTo(CYCLE);
            assertThat(p.manifestRefused()).hasValueSatisfying(why -> assertThat(why).startsWith(MANIFEST)
                    .contains("is missing"));
        });
    }

    @Test
    void aPriorWhoseLogLostItsSealIsRefusedByTheLaterHandoffAsByItsOwnVerify() throws Exception {
        // The committed log of cycle 1 cut before MANIFEST_SEALED: a shorter chain is a valid chain.
        Path log = workspace.resolve(ws.layout().eventLog(CYCLE));
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        int seal = indexOf(lines, "MANIFEST_SEALED");
        Files.write(log, lines.subList(0, seal), StandardCharsets.UTF_8);

        assertThat(ws.verify(CYCLE, TRUST).discrepancies()).extracting(Discrepancy::kind)
                .contains(DiscrepancyKind.SEAL_EVENT_MISMATCH);
        assertThat(ws.verify(NEXT, TRUST).discrepancies()).as("the later handoff rests on cycle 1's seal")
                .isNotEmpty().allSatisfy(d -> assertThat(d.kind()).isEqualTo(DiscrepancyKind.PRIOR_MANIFEST));
    }

    /**
     * review19: kit19's seal check of each prior and attack19's chain in status compose over a loop. Cycle 1's
     * manifest rewritten to name itself, or cycle 2 (which names it), as its prior, after cycle 2 was executed:
     * verify of cycle 2 ends, naming the loop, and status of cycle 2 no longer accepts its history.
     */
    @ParameterizedTest(name = "cycle 1 names {0} as prior")
    @ValueSource(strings = {"itself", "cycle 2"})
    void aLoopOfPriorsEndsAndRefusesTheLaterHandoffInVerifyAndStatus(String which) throws Exception {
        TransitionResult executed = ws.advance(NEXT, CycleState.EXECUTED);
        assertThat(executed.accepted()).as(executed.failedGates().toString()).isTrue();
        assertThat(ws.checkHistory(ws.status(NEXT))).isEmpty();
        String loopsTo = which.equals("itself") ? first.manifestId() : second.manifestId();
        Path manifest = workspace.resolve(MANIFEST);
        String text = Files.readString(manifest, StandardCharsets.UTF_8);
        Files.writeString(manifest, text.replace("manifest_id: ", "prior_manifest_id: \"" + loopsTo
                + "\"\nmanifest_id: "), StandardCharsets.UTF_8);

        List<Discrepancy> found = ws.verify(NEXT, TRUST).discrepancies();

        assertThat(found).anySatisfy(d -> assertThat(d.message()).contains("loops back into the chain"));
        assertThat(found).allSatisfy(d -> assertThat(d.kind()).isEqualTo(DiscrepancyKind.PRIOR_MANIFEST));
        assertThat(ws.checkHistory(ws.status(NEXT))).as("status of the executed cycle 2").isNotEmpty();
    }

    private static int indexOf(List<String> lines, String type) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(type)) {
                return i;
            }
        }
        throw new AssertionError("no " + type + " in the log");
    }
}
