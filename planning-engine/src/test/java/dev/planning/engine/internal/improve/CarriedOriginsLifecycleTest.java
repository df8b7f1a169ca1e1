package dev.planning.engine.internal.improve;

import static dev.planning.engine.internal.improve.CarriedOriginsFixture.DIGEST;
import static dev.planning.engine.internal.improve.CarriedOriginsFixture.FIRST;
import static dev.planning.engine.internal.improve.CarriedOriginsFixture.LAYOUT;
import static dev.planning.engine.internal.improve.CarriedOriginsFixture.NEXT;
import static dev.planning.engine.internal.improve.CarriedOriginsFixture.STORY;
import static dev.planning.engine.internal.improve.CarriedOriginsFixture.carried;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.digest.DigestResult;
import dev.planning.api.gate.Finding;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.VerificationReport;
import dev.planning.engine.Planning;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.fixtures.GateWorkspace;
import dev.planning.engine.fixtures.GitFixture;
import dev.planning.engine.fixtures.Plans;
import dev.planning.engine.internal.digest.DigestPublisher;
import dev.planning.engine.internal.gate.parity.ParityCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * origin41 through the lifecycle: {@code carried_tasks} counts only the tasks whose origin names an action of a
 * published digest, as the parity gate exempts only those; and a handoff whose parity verdict exempted carried actions
 * verifies, its verdict recomputed over the pinned inputs reading the digest the earlier cycle published.
 */
class CarriedOriginsLifecycleTest {

    @TempDir
    Path root;

    private static void advance(PlanningWorkspace workspace, CycleRef cycle, CycleState... states) {
        for (CycleState state : states) {
            TransitionResult moved = CycleWorkspace.advance(workspace, cycle, state);
            assertThat(moved.accepted()).as("advance to %s: %s", state, moved).isTrue();
        }
    }

    /** The attack on the KPI: a forged origin counted as a carried improvement action. */
    @Test
    void aForgedOriginDoesNotCountAsCarried() {
        PlanningWorkspace workspace = CycleImproverTest.improving(root, true);
        new CycleImprover(workspace).complete(FIRST, NEXT.cycleId());
        new GateWorkspace(root).plan("fe", NEXT.cycleId(), STORY,
                carried("IA-2025-09-02-1", "digest:" + DIGEST + "#IA-2025-09-02-1"),
                carried("IA-2025-09-02-2", "digest:" + DIGEST + "#IA-2025-09-02-2"),
                "{id: X-1, title: Unplanned scope, origin: anything}");
        GitFixture.commitAll(root, "next plan");
        advance(workspace, NEXT, CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, CycleState.EXECUTED,
                CycleState.VALIDATED);

        DigestResult digest = new DigestPublisher(workspace).publish(NEXT, Optional.empty());

        assertThat(digest.summary().inputs()).containsEntry("carried_tasks", 2.0).containsEntry("planned_tasks", 4.0);
    }

    /** origin42, the KPI: a task citing a real action but other than the task improve wrote counts as unplanned. */
    @Test
    void aTaskOtherThanTheCarriedActionCitingItIsRefused() {
        PlanningWorkspace workspace = CycleImproverTest.improving(root, true);
        new CycleImprover(workspace).complete(FIRST, NEXT.cycleId());
        new GateWorkspace(root).plan("fe", NEXT.cycleId(), STORY,
                carried("IA-2025-09-02-1", "digest:" + DIGEST + "#IA-2025-09-02-1"),
                carried("X-9", "digest:" + DIGEST + "#IA-2025-09-02-2"));
        GitFixture.commitAll(root, "next plan");
        advance(workspace, NEXT, CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, CycleState.EXECUTED,
                CycleState.VALIDATED);

        DigestResult digest = new DigestPublisher(workspace).publish(NEXT, Optional.empty());

        assertThat(digest.summary().inputs()).containsEntry("carried_tasks", 1.0).containsEntry("planned_tasks", 3.0);
    }

    /** FIRST completed (signed past PACKAGED) with its action carried into NEXT's plan, committed. */
    private PlanningWorkspace carriedIntoNext() {
        CycleWorkspace.create(root, FIRST.cycleId());
        CycleWorkspace.write(root.resolve("rulebook/rulebook.yaml"), CycleWorkspace.RULEBOOK
                .replace("gates: [schema_lint]", "gates: [schema_lint, parity_coverage]"));
        CycleWorkspace.write(root.resolve(LAYOUT.storyMap(FIRST)), Plans.FE_STORY_MAP);
        new GateWorkspace(root).plan("fe", FIRST.cycleId(), STORY.replace("}", ", status: done}"));
        CycleWorkspace.write(root.resolve(LAYOUT.decisionLog(FIRST)), """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                improvement_actions:
                  - {id: IA-2025-09-02-1, action: Add e2e coverage for checkout, owner: bob}
                """);
        PlanningWorkspace workspace = CycleWorkspace.open(root, Instant.parse("2025-09-02T08:00:00Z"));
        workspace.create(FIRST);
        advance(workspace, FIRST, CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, CycleState.EXECUTED,
                CycleState.VALIDATED);
        new DigestPublisher(workspace).publish(FIRST, Optional.empty());
        workspace.advance(FIRST, CycleState.IMPROVE);
        new GateWorkspace(root).plan("fe", NEXT.cycleId(), STORY);
        assertThat(new CycleImprover(workspace).complete(FIRST, NEXT.cycleId()).carried())
                .containsExactly("IA-2025-09-02-1");
        GitFixture.commitAll(root, "next plan");
        return workspace;
    }

    /** FIRST completed with its action carried into NEXT, whose plan passed the parity gate and was packaged. */
    private PlanningWorkspace handedOff() {
        PlanningWorkspace workspace = carriedIntoNext();
        advance(workspace, NEXT, CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED);
        return workspace;
    }

    /**
     * The live gate reads the origin's cycle with the workspace's trusted keys: a history past PACKAGED that no sealed
     * manifest verifying with them backs (here FIRST's manifest removed) verifies no origin, so the carried action is
     * held to story parity and the handoff is refused at its origin.
     */
    @Test
    void aLiveHandoffCitingACycleWhoseHistoryNoVerifyingManifestBacksIsRefused() throws IOException {
        PlanningWorkspace workspace = carriedIntoNext();
        Files.delete(root.resolve(LAYOUT.manifest(FIRST)));
        GitFixture.commitAll(root, "the first cycle's manifest removed");

        TransitionResult moved = CycleWorkspace.advance(workspace, NEXT, CycleState.READY_FOR_HANDOFF);

        assertThat(moved.accepted()).isFalse();
        assertThat(moved.gate("parity_coverage").orElseThrow().findings()).extracting(Finding::code)
                .contains(ParityCodes.ORIGIN_UNVERIFIED);
    }

    /** The parity gate in the profile: the carried actions pass it live, and the sealed verdict recomputes the same. */
    @Test
    void aHandoffWhoseCarriedActionsPassedParityVerifies() {
        PlanningWorkspace workspace = handedOff();

        VerificationReport report = workspace.verify(NEXT, CycleWorkspace.TRUST);

        assertThat(report.discrepancies(DiscrepancyKind.VERDICT_CHANGED)).isEmpty();
        assertThat(report.passed()).as("%s", report).isTrue();
        assertThat(report.discrepancies()).isEqualTo(List.of());
    }

    /**
     * As {@code planning verify --trust} verifies: a workspace opened with no keys of its own, the keys given to the
     * verification. The recomputed parity gate checks the origin's cycle with those keys, as its own gates do (before,
     * it asked the workspace's keys, found none, and turned the sealed PASS into VERDICT_CHANGED: the demo's second
     * cycle failed verification).
     */
    @Test
    void aHandoffVerifiedWithKeysGivenToTheVerificationAloneVerifies() {
        handedOff();
        PlanningWorkspace keyless = Planning.builder().workspace(root).build();

        VerificationReport report = keyless.verify(NEXT, CycleWorkspace.TRUST);

        assertThat(report.discrepancies()).isEqualTo(List.of());
        assertThat(report.passed()).as("%s", report).isTrue();
    }

    /** origin42: the digest is no sealed input of the handoff; edited after it, the recomputed verdict changes. */
    @Test
    void aPublishedDigestEditedAfterTheHandoffChangesTheVerdict() throws IOException {
        PlanningWorkspace workspace = handedOff();
        Files.writeString(root.resolve(DIGEST), "\nEdited after the handoff.\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        VerificationReport report = workspace.verify(NEXT, CycleWorkspace.TRUST);

        assertThat(report.passed()).as("%s", report).isFalse();
        assertThat(report.discrepancies(DiscrepancyKind.VERDICT_CHANGED)).isNotEmpty();
    }
}
