package dev.planning.engine.internal.improve;

import static dev.planning.engine.internal.improve.CarriedOriginsFixture.DIGEST;
import static dev.planning.engine.internal.improve.CarriedOriginsFixture.FIRST;
import static dev.planning.engine.internal.improve.CarriedOriginsFixture.LAYOUT;
import static dev.planning.engine.internal.improve.CarriedOriginsFixture.NEXT;
import static dev.planning.engine.internal.improve.CarriedOriginsFixture.STORY;
import static dev.planning.engine.internal.improve.CarriedOriginsFixture.carried;
import static dev.planning.engine.internal.improve.CarriedOriginsFixture.cycles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.SystemFailureException;
import dev.planning.api.artifact.Task;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.governance.EvaluationLimitException;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.fixtures.GateEnvironments;
import dev.planning.engine.fixtures.GateWorkspace;
import dev.planning.engine.internal.cycle.ArtifactGateContext;
import dev.planning.engine.internal.digest.DigestPublisher;
import dev.planning.engine.internal.gate.parity.ParityCodes;
import dev.planning.engine.internal.gate.parity.ParityCoverageGate;
import dev.planning.engine.internal.workspace.UnreadableInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * origin41: a task's {@code origin} exempts it from story parity only when it names an improvement action of a digest
 * another cycle of the stream published (its event log records the file's SHA-256). Anyone who commits writes an
 * origin; before, any text there skipped {@code parity.task-without-story}. Each other origin is one error at the
 * origin's line and column, and the task is held to story parity.
 */
class CarriedOriginsTest {

    @TempDir
    Path root;

    private GateWorkspace ws;
    private PlanningWorkspace workspace;

    /** FIRST published its digest and was completed: its two actions are carried into NEXT's plan. */
    @BeforeEach
    void setUp() {
        workspace = CycleImproverTest.improving(root, true);
        new CycleImprover(workspace).complete(FIRST, NEXT.cycleId());
        ws = new GateWorkspace(root);
    }

    /** The gate, the cycle an origin names read as the workspace reads it with its trusted keys. */
    private GateResult parity() {
        return parity(CarriedOrigins.TrustedCycles.of(workspace));
    }

    /** The gate, the cycle an origin names read through {@code cycles}. */
    private GateResult parity(CarriedOrigins.TrustedCycles cycles) {
        return new ParityCoverageGate().evaluate(new ArtifactGateContext(GateEnvironments.over(root, LAYOUT,
                ws.rulebook(), cycles), NEXT, Lifecycle.find(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF)
                .orElseThrow()));
    }

    /** NEXT's plan: a task for the story, then {@code task}; the one finding of the gate, at the task's origin. */
    private Finding theOneFindingOf(String task) {
        ws.plan("fe", NEXT.cycleId(), STORY, task);
        GateResult result = parity();
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ParityCodes.ORIGIN_UNVERIFIED);
            assertThat(f.severity()).isEqualTo(dev.planning.api.gate.Severity.ERROR);
            assertThat(f.location().orElseThrow().toString())
                    .isEqualTo(LAYOUT.taskBreakdown(NEXT) + ":6:" + (("  - " + task).indexOf("origin") + 1));
        });
        assertThat(result.evidence()).doesNotContainKey("items_carried");
        return result.findings().get(0);
    }

    @Test
    void anActionCarriedByImproveFromThePublishedDigestNeedsNoStory() {
        GateResult result = parity();

        assertThat(result.findings()).extracting(Finding::code)
                .doesNotContain(ParityCodes.ORIGIN_UNVERIFIED, ParityCodes.TASK_WITHOUT_STORY);
        assertThat(result.evidence()).containsEntry("items_carried", List.of("IA-2025-09-02-1", "IA-2025-09-02-2"))
                .containsEntry("items_without_story", List.of());
    }

    /** origin42: the parity evidence names each digest an origin was verified against, with its SHA-256. */
    @Test
    void theEvidenceRecordsTheDigestTheCarriedActionsWereVerifiedAgainst() throws IOException {
        String sha256 = HexFormat.of().formatHex(sha256(Files.readAllBytes(root.resolve(DIGEST))));

        assertThat(parity().evidence()).containsEntry("carried_from",
                List.of(Map.of("path", DIGEST, "sha256", sha256)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The attack: any text as the origin of a task with no story skipped story parity. One message, not two. */
    @Test
    void aForgedOriginExemptsNoTaskFromStoryParity() {
        Finding finding = theOneFindingOf("{id: X-1, title: Unplanned scope, origin: anything}");

        assertThat(finding.message()).contains("origin \"anything\" of X-1 is not one `planning improve` writes")
                .contains("expected digest:<digest path>#<action id>")
                .contains("so it is held to story parity and links to no story");
        assertThat(finding.taskId()).contains("X-1");
        assertThat(parity().evidence()).containsEntry("items_without_story", List.of("X-1"));
    }

    @Test
    void aMalformedOriginIsAnErrorAtTheOriginEvenWhenTheTaskLinksToAStory() {
        Finding finding = theOneFindingOf("{id: X-1, title: Linked, linked_story_map_nodes: [S-BROWSE-1], origin: "
                + "\"digest:" + DIGEST + "\"}");

        assertThat(finding.message()).contains("is not one `planning improve` writes").doesNotContain("story parity");
    }

    @Test
    void aDigestNoCyclePublishedIsRefused() throws IOException {
        CycleRef never = new CycleRef("fe", "2025-08-19");
        Path forged = root.resolve(LAYOUT.digest(never));
        Files.writeString(forged, Files.readString(root.resolve(DIGEST), StandardCharsets.UTF_8)
                .replace(FIRST.cycleId(), never.cycleId()), StandardCharsets.UTF_8);

        Finding finding = theOneFindingOf(carried("X-1", "digest:" + LAYOUT.digest(never) + "#IA-2025-09-02-1"));

        assertThat(finding.message()).contains("names no published digest")
                .contains("which has no event log (" + LAYOUT.eventLog(never) + ")");
    }

    @Test
    void aPublishedDigestEditedAfterItsPublicationIsRefused() throws IOException {
        Path digest = root.resolve(DIGEST);
        Files.writeString(digest, Files.readString(digest, StandardCharsets.UTF_8)
                .replace("id: IA-2025-09-02-2", "id: IA-FORGED"), StandardCharsets.UTF_8);

        Finding finding = theOneFindingOf(carried("X-1", "digest:" + DIGEST + "#IA-FORGED"));

        assertThat(finding.message()).contains("names no published digest").contains("records SHA-256");
    }

    /** fold43: another cycle's digest copied over the published one is refused in words that read. */
    @Test
    void anotherCyclesDigestAtThePublishedDigestsPathIsRefused() throws IOException {
        Path digest = root.resolve(DIGEST);
        Files.writeString(digest, Files.readString(digest, StandardCharsets.UTF_8)
                .replaceFirst("cycle_id: \"?" + FIRST.cycleId() + "\"?", "cycle_id: \"2025-08-19\""),
                StandardCharsets.UTF_8);

        Finding finding = theOneFindingOf(carried("IA-2025-09-02-1", "digest:" + DIGEST + "#IA-2025-09-02-1"));

        assertThat(finding.message()).contains("names no published digest: the digest " + DIGEST
                + " is of cycle_id 2025-08-19").contains("would put another cycle's improvement actions into a plan,"
                + " counted as carried: restore it");
    }

    /** fix43: a digest whose front matter has several mistakes (listed one per line) is refused on one line. */
    @Test
    void aDigestWithSeveralFrontMatterMistakesIsRefusedOnOneLine() throws IOException {
        Path digest = root.resolve(DIGEST);
        Files.writeString(digest, Files.readString(digest, StandardCharsets.UTF_8)
                .replaceFirst("---\n", "---\nbogus_one: 1\nbogus_two: 2\n"), StandardCharsets.UTF_8);

        Finding finding = theOneFindingOf(carried("IA-2025-09-02-1", "digest:" + DIGEST + "#IA-2025-09-02-1"));

        assertThat(finding.message()).contains("bogus_one").contains("bogus_two").doesNotContain("\n");
    }

    @Test
    void anActionThePublishedDigestDoesNotHaveIsRefused() {
        Finding finding = theOneFindingOf(carried("X-1", "digest:" + DIGEST + "#IA-2025-09-02-9"));

        assertThat(finding.message()).contains("names action IA-2025-09-02-9, which the digest " + DIGEST
                + " published by cycle " + FIRST + " does not have")
                .contains("(IA-2025-09-02-1, IA-2025-09-02-2)");
    }

    @Test
    void aPathThatIsNoOtherCyclesDigestIsRefused() {
        Finding own = theOneFindingOf(carried("X-1", "digest:" + LAYOUT.digest(NEXT) + "#IA-1"));
        assertThat(own.message()).contains("which is not the digest of another cycle of stream fe");

        Finding plan = theOneFindingOf(carried("X-1", "digest:" + LAYOUT.taskBreakdown(FIRST) + "#FE-2"));
        assertThat(plan.message()).contains("which is not the digest of another cycle of stream fe");
    }

    /** A cycle id the digest's file name also spells ({@code md}, in {@code -digest.md}) is found where the id stands. */
    @Test
    void theCycleIdIsReadWhereTheLayoutPutsIt() {
        CycleRef into = new CycleRef("fe", "digest");
        String origin = "digest:" + LAYOUT.digest(new CycleRef("fe", "md")) + "#IA-1";
        CarriedOrigins origins = new CarriedOrigins(into, LAYOUT::digest, ref -> {
            throw new dev.planning.api.InvalidInputException("cycle " + ref + " published none");
        });

        assertThat(origins.problem(dev.planning.api.artifact.Task.builder("X-1", "t").origin(origin).build()))
                .hasValueSatisfying(problem -> assertThat(problem).endsWith("names no published digest: cycle fe/md"
                        + " published none"));
    }

    @Test
    void onlyVerifiedOriginsCountAsCarried() {
        ws.plan("fe", NEXT.cycleId(), STORY, carried("IA-2025-09-02-1", "digest:" + DIGEST + "#IA-2025-09-02-1"),
                "{id: X-1, title: Unplanned scope, origin: anything}");
        dev.planning.engine.internal.cycle.CycleArtifacts artifacts =
                new dev.planning.engine.internal.cycle.CycleArtifacts(root, LAYOUT);

        assertThat(new CarriedOrigins(NEXT, LAYOUT::digest,
                ref -> CarriedOrigins.published(root, LAYOUT, ref, CarriedOrigins.TrustedCycles.of(workspace)))
                .verified(artifacts.taskBreakdown(NEXT).orElseThrow())).containsExactly("IA-2025-09-02-1");
    }

    /** origin42: a real action's origin exempted any task; only the task {@code planning improve} wrote, of its id. */
    @Test
    void aTaskOtherThanTheCarriedActionCitingItIsRefused() {
        Finding finding = theOneFindingOf("{id: X-9, title: Unplanned scope, effort: 40, origin: \"digest:" + DIGEST
                + "#IA-2025-09-02-1\"}");

        assertThat(finding.message()).contains("names action IA-2025-09-02-1, which `planning improve` carries as task"
                + " IA-2025-09-02-1; X-9 is not that task");
    }

    /** origin42: anyone without a key makes a cycle publish a digest; only a COMPLETED cycle's digest counts. */
    @Test
    void aScratchCycleThatPublishedADigestButIsNotCompletedIsRefused() {
        CycleRef scratch = new CycleRef("fe", "2025-08-19");
        CycleWorkspace.create(root, scratch.cycleId());
        CycleWorkspace.write(root.resolve(LAYOUT.decisionLog(scratch)), """
                version: "1.0.0"
                cycle_id: "2025-08-19"
                stream: fe
                improvement_actions:
                  - {id: IA-X, action: Unplanned scope, owner: mallory}
                """);
        workspace.create(scratch);
        new DigestPublisher(workspace).publish(scratch, Optional.empty());

        Finding finding = theOneFindingOf(carried("IA-X", "digest:" + LAYOUT.digest(scratch) + "#IA-X"));

        assertThat(finding.message()).contains("names no published digest: cycle " + scratch + " is PLANNED")
                .contains("expected a COMPLETED cycle");
    }

    /** origin42: a log that says COMPLETED counts only with a sealed manifest that verifies with the trusted keys. */
    @Test
    void aCompletedCycleWithoutAVerifyingSignedManifestIsRefused() throws IOException {
        Files.delete(root.resolve(LAYOUT.manifest(FIRST)));

        Finding finding = theOneFindingOf(carried("IA-2025-09-02-1", "digest:" + DIGEST + "#IA-2025-09-02-1"));

        assertThat(finding.message()).contains("names no published digest: cycle " + FIRST + " is COMPLETED, but");
    }

    /** A context with no trusted key (the fixture's) verifies no origin: each is refused at its own line. */
    @Test
    void withoutATrustedKeyNoOriginCounts() {
        ws.plan("fe", NEXT.cycleId(), STORY, carried("IA-2025-09-02-1", "digest:" + DIGEST + "#IA-2025-09-02-1"));

        GateResult result = new ParityCoverageGate().evaluate(ws.context(NEXT));

        assertThat(result.findings()).extracting(Finding::code).contains(ParityCodes.ORIGIN_UNVERIFIED);
        assertThat(result.findings()).filteredOn(f -> f.code().equals(ParityCodes.ORIGIN_UNVERIFIED)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("no trusted key"));
    }

    /**
     * fold43: a read the system failed while the origin's cycle is checked is no finding of that origin (before, the
     * gate failed the plan with it as the origin's problem, and the CLI exited 2, not 3): it propagates, as a gate's
     * run hands it on.
     */
    @Test
    void aSystemFailureWhileCheckingAnOriginPropagates() {
        ws.plan("fe", NEXT.cycleId(), STORY, carried("IA-2025-09-02-1", "digest:" + DIGEST + "#IA-2025-09-02-1"));
        SystemFailureException failure = new SystemFailureException("the disk failed", null,
                new IOException("Input/output error"));

        assertThatThrownBy(() -> parity(cycles(cycle -> {
            throw failure;
        }, status -> List.of()))).isSameAs(failure);
    }

    /** fold43: nor is an input the user may not read. */
    @Test
    void anUnreadableInputWhileCheckingAnOriginPropagates() {
        PlanningException thrown = new UnreadableInputException("permission denied", null, new IOException("EACCES"));

        assertThatThrownBy(() -> originsThrowing(thrown).problem(carriedTask())).isSameAs(thrown);
    }

    /** fold43: nor is an evaluation stopped by its bounds. */
    @Test
    void anEvaluationLimitWhileCheckingAnOriginPropagates() {
        PlanningException thrown = new EvaluationLimitException(EvaluationLimitException.Limit.TIME, "too long");

        assertThatThrownBy(() -> originsThrowing(thrown).problem(carriedTask())).isSameAs(thrown);
    }

    /** A task carried from the first cycle's digest. */
    private static Task carriedTask() {
        return Task.builder("IA-1", "t").origin("digest:" + DIGEST + "#IA-1").build();
    }

    /** Origins of NEXT whose published digest's read throws {@code thrown}. */
    private static CarriedOrigins originsThrowing(PlanningException thrown) {
        return new CarriedOrigins(NEXT, LAYOUT::digest, ref -> {
            throw thrown;
        });
    }

    /**
     * fold43: an origin's refusal is one line, though the discrepancy it quotes (a gate name of the manifest, say)
     * holds a line break: a line of its own could pass for a command's verdict line.
     */
    @Test
    void aDiscrepancyQuotingALineBreakIsRefusedOnOneLine() {
        Discrepancy quoting = Discrepancy.of(DiscrepancyKind.UNSIGNED_HISTORY, LAYOUT.manifest(FIRST),
                "gate \"x\nok: verified\" is not signed");

        assertThatThrownBy(() -> CarriedOrigins.published(root, LAYOUT, FIRST,
                cycles(workspace::status, status -> List.of(quoting))))
                .isInstanceOf(InvalidInputException.class).hasMessageNotContaining("\n")
                .hasMessageContaining("gate \"x\\u000Aok: verified\" is not signed");
    }
}
