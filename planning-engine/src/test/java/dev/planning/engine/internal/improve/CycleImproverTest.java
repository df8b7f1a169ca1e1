package dev.planning.engine.internal.improve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.ImproveResult;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.internal.artifact.TaskBreakdownReader;
import dev.planning.engine.internal.digest.DigestPublisher;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CycleImproverTest {

    static final CycleRef FIRST = new CycleRef("fe", "2025-09-02");
    static final CycleRef NEXT = new CycleRef("fe", "2025-09-16");
    static final WorkspaceLayout LAYOUT = WorkspaceLayout.DEFAULT;

    @TempDir
    Path root;

    private PlanningWorkspace workspace;

    @BeforeEach
    void setUp() {
        workspace = improving(root, false);
    }

    /** A workspace whose first cycle is in IMPROVE, sealed with or without a story map. */
    static PlanningWorkspace improving(Path root, boolean storyMap) {
        CycleWorkspace.create(root, FIRST.cycleId());
        if (storyMap) {
            CycleWorkspace.write(root.resolve(LAYOUT.storyMap(FIRST)), dev.planning.engine.fixtures.Plans.FE_STORY_MAP);
        }
        CycleWorkspace.write(root.resolve(LAYOUT.decisionLog(FIRST)), """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                improvement_actions:
                  - {id: IA-2025-09-02-1, action: Add e2e coverage for checkout, owner: bob, due: 2025-09-20, tags: ["criticality:2", "compliance:none"]}
                  - {id: IA-2025-09-02-2, action: Automate the axe run in CI, owner: carol}
                """);
        PlanningWorkspace workspace = CycleWorkspace.open(root, Instant.parse("2025-09-02T08:00:00Z"));
        workspace.create(FIRST);
        for (CycleState state : List.of(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, CycleState.EXECUTED,
                CycleState.VALIDATED)) {
            CycleWorkspace.advance(workspace, FIRST, state);
        }
        new DigestPublisher(workspace).publish(FIRST, Optional.empty());
        workspace.advance(FIRST, CycleState.IMPROVE);
        return workspace;
    }

    @Test
    void completesTheCycleAndCarriesEachActionAsATaskCitingItsOrigin() {
        ImproveResult result = new CycleImprover(workspace).complete(FIRST, NEXT.cycleId());

        assertThat(result.completed()).isTrue();
        assertThat(workspace.status(FIRST).state()).isEqualTo(CycleState.COMPLETED);
        assertThat(workspace.status(NEXT).state()).isEqualTo(CycleState.PLANNED);
        assertThat(workspace.status(NEXT).history()).isNotEmpty();
        TaskBreakdown plan = readPlan(result.planPath());
        assertThat(plan.tasks()).extracting(Task::id).containsExactly("IA-2025-09-02-1", "IA-2025-09-02-2");
        Task first = plan.tasks().get(0);
        assertThat(first.origin()).contains("digest:frameworks/planning-fe/digests/2025-09-02-digest.md#IA-2025-09-02-1");
        assertThat(first.owner()).contains("bob");
        assertThat(first.due()).contains(LocalDate.parse("2025-09-20"));
        assertThat(first.tags().criticality()).hasValue(2);
        assertThat(plan.tasks().get(1).due()).isEmpty();
    }

    @Test
    void opensTheNextCycleWithTheStoryMapCarriedOverSoLintAndTheParityGateAgree(@TempDir Path withMap) throws Exception {
        // The story map is sealed with the cycle: one written after sealing is an unsealed plan file,
        // which stops the cycle (ARTIFACT_UNSEALED) rather than being carried over.
        PlanningWorkspace workspace = improving(withMap, true);

        new CycleImprover(workspace).complete(FIRST, NEXT.cycleId());

        Path map = withMap.resolve(LAYOUT.storyMap(NEXT));
        assertThat(map).exists();
        assertThat(Files.readString(map, StandardCharsets.UTF_8))
                .containsPattern("cycle_id: \"?" + NEXT.cycleId());
        assertThat(new dev.planning.engine.internal.cycle.CycleArtifacts(withMap, LAYOUT).storyMap(NEXT)).isPresent();
    }

    @Test
    void aStoryMapWrittenAfterSealingStopsTheCycleAndIsNotCarriedOver() {
        CycleWorkspace.write(root.resolve(LAYOUT.storyMap(FIRST)), dev.planning.engine.fixtures.Plans.FE_STORY_MAP);

        assertThatThrownBy(() -> new CycleImprover(workspace).complete(FIRST, NEXT.cycleId()))
                .isInstanceOf(dev.planning.api.seal.SealingException.class)
                .hasMessageContaining("ARTIFACT_UNSEALED").hasMessageContaining(LAYOUT.storyMap(FIRST));
        assertThat(root.resolve(LAYOUT.storyMap(NEXT))).doesNotExist();
        assertThat(workspace.status(FIRST).state()).isEqualTo(CycleState.IMPROVE);
    }

    @Test
    void aRerunOnACompletedCycleWhoseSignaturesWereRemovedIsRefused() throws Exception {
        new CycleImprover(workspace).complete(FIRST, NEXT.cycleId());
        Path plan = root.resolve(LAYOUT.taskBreakdown(NEXT));
        byte[] before = Files.readAllBytes(plan);
        Path manifest = root.resolve(LAYOUT.manifest(FIRST));
        String text = Files.readString(manifest, StandardCharsets.UTF_8);
        Files.writeString(manifest, text.substring(0, text.indexOf("signatures:")) + "signatures: []\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new CycleImprover(workspace).complete(FIRST, NEXT.cycleId()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("UNSIGNED_HISTORY");
        assertThat(Files.readAllBytes(plan)).isEqualTo(before);
    }

    /** fix43: a re-run refused by a discrepancy that quotes a line break says so on one line. */
    @Test
    void aRerunRefusedByADiscrepancyQuotingALineBreakIsRefusedOnOneLine() {
        new CycleImprover(workspace).complete(FIRST, NEXT.cycleId());
        Discrepancy quoting = Discrepancy.of(DiscrepancyKind.UNSIGNED_HISTORY, LAYOUT.manifest(FIRST),
                "gate \"x\nok: verified\" is not signed");
        PlanningWorkspace delegating = (PlanningWorkspace) Proxy.newProxyInstance(
                PlanningWorkspace.class.getClassLoader(), new Class<?>[] {PlanningWorkspace.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("checkHistory")) {
                        return List.of(quoting);
                    }
                    try {
                        return method.invoke(workspace, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        assertThatThrownBy(() -> new CycleImprover(delegating).complete(FIRST, NEXT.cycleId()))
                .isInstanceOf(InvalidInputException.class).hasMessageNotContaining("\n")
                .hasMessageContaining("gate \"x\\u000Aok: verified\" is not signed");
    }

    @Test
    void mergesIntoAnExistingPlanAndARerunChangesNothing() throws Exception {
        CycleWorkspace.write(root.resolve(LAYOUT.taskBreakdown(NEXT)), CycleWorkspace.PLAN.formatted(NEXT.cycleId()));
        ImproveResult first = new CycleImprover(workspace).complete(FIRST, NEXT.cycleId());
        byte[] after = Files.readAllBytes(root.resolve(first.planPath()));

        ImproveResult again = new CycleImprover(workspace).complete(FIRST, NEXT.cycleId());

        assertThat(readPlan(first.planPath()).tasks()).extracting(Task::id)
                .containsExactly("FE-1", "FE-2", "FE-3", "FE-4", "FE-5", "IA-2025-09-02-1", "IA-2025-09-02-2");
        assertThat(again.completion()).isEmpty();
        assertThat(again.carried()).isEmpty();
        assertThat(again.alreadyCarried()).containsExactly("IA-2025-09-02-1", "IA-2025-09-02-2");
        assertThat(Files.readAllBytes(root.resolve(first.planPath()))).isEqualTo(after);
    }

    @Test
    void refusesANextPlanThatUsesAnActionIdForAnotherTask() {
        CycleWorkspace.write(root.resolve(LAYOUT.taskBreakdown(NEXT)), """
                version: "1.0.0"
                cycle_id: "2025-09-16"
                stream: fe
                tasks:
                  - {id: IA-2025-09-02-1, title: Something else}
                """);

        assertThatThrownBy(() -> new CycleImprover(workspace).complete(FIRST, NEXT.cycleId()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already has a task IA-2025-09-02-1");
        assertThat(workspace.status(FIRST).state()).isEqualTo(CycleState.IMPROVE);
    }

    /** A digest edited to another cycle's would carry that cycle's improvement actions into the next plan. */
    @Test
    void refusesADigestOfAnotherCycleThanItsFileStandsForAndCarriesNothing() throws Exception {
        Path digest = root.resolve(LAYOUT.digest(FIRST));
        String text = Files.readString(digest, StandardCharsets.UTF_8);
        assertThat(text).contains("\ncycle_id: 2025-09-02\n");
        Files.writeString(digest, text.replace("\ncycle_id: 2025-09-02\n", "\ncycle_id: 2025-08-19\n"),
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new CycleImprover(workspace).complete(FIRST, NEXT.cycleId()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the digest " + LAYOUT.digest(FIRST) + " is of cycle_id 2025-08-19 in stream fe,"
                        + " but its file stands for cycle_id 2025-09-02 in stream fe;");
        assertThat(workspace.status(FIRST).state()).isEqualTo(CycleState.IMPROVE);
        assertThat(workspace.status(NEXT).history()).isEmpty();
    }

    @Test
    void refusesACycleThatIsNotInImprove() {
        CycleRef other = new CycleRef("fe", "2025-10-01");
        workspace.create(other);

        assertThatThrownBy(() -> new CycleImprover(workspace).complete(other, "2025-10-15"))
                .hasMessageContaining("is PLANNED: completing it needs IMPROVE");
    }

    private TaskBreakdown readPlan(String path) {
        return new TaskBreakdownReader().read(root.resolve(path), path).model().orElseThrow();
    }
}
