package dev.planning.cli.attack;

import static dev.planning.cli.attack.SignatureAttackFixture.assertFailsNaming;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.VerificationReport;
import dev.planning.cli.CliRun;
import dev.planning.engine.Planning;
import dev.planning.engine.fixtures.Gates;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.signing.PemSigner;
import dev.planning.engine.internal.signing.TrustFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a sealed verdict is bound to and re-derived from, played by a contributor without keys:
 * each gate's evidence records exactly the inputs that gate judged; verify re-derives the verdict
 * from the sealed files at {@code snapshot_rev}, so another stream's later work strands nothing
 * while a change to this cycle's own files is still caught; plug-in gates are re-run, or reported
 * when they cannot be.
 */
@Tag("slow")
@Tag("attack")
class SealedInputsAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final String STORY_MAP = "frameworks/planning-fe/storymaps/2025-09-02-story_map.md";
    private static final String BE_PLAN = "frameworks/planning-be/tasks/2025-09-02-be_task_breakdown.yaml";
    private static final String BE_NEXT = "frameworks/planning-be/tasks/2025-09-16-be_task_breakdown.yaml";
    private static final String CAPACITY_MODEL = """
            version: "1.0.0"
            owners:
              alice: 40
              bob: 40
              carol: 40
              dan: 40
              erik: 13
            """;

    @TempDir
    Path dir;

    private static String bePlan(String cycle, String title) {
        return """
                version: "1.0.0"
                cycle_id: "%s"
                stream: be
                tasks:
                  - id: BE-1
                    kind: task
                    title: %s
                    owner: erik
                    tags: {criticality: 2, compliance: none}
                    effort: 3
                    status: planned
                """.formatted(cycle, title);
    }

    /** The fe example with a backend stream's plan and a capacity model beside it. */
    private AttackWorkspace twoStreams() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        Files.createDirectories(ws.path(BE_PLAN).getParent());
        ws.write(BE_PLAN, bePlan("2025-09-02", "Payment API"));
        ws.write(AttackWorkspace.CAPACITY, CAPACITY_MODEL);
        return ws;
    }

    private static String evidencePath(AttackWorkspace ws, String gate) {
        return ws.manifest().gateResults().get(gate).evidence().orElseThrow();
    }

    private static Set<String> recordedInputs(AttackWorkspace ws, String gate) throws Exception {
        Set<String> inputs = new TreeSet<>();
        JSON.readTree(ws.path(evidencePath(ws, gate)).toFile()).path("inputs").fieldNames().forEachRemaining(inputs::add);
        return inputs;
    }

    // Item 2: evidence records exactly the inputs of its gate.

    @Test
    void eachGatesEvidenceRecordsExactlyTheInputsThatGateJudged() throws Exception {
        AttackWorkspace ws = twoStreams();
        ws.sealNow();

        assertThat(recordedInputs(ws, "schema_lint")).containsExactlyInAnyOrder(AttackWorkspace.TASKS, STORY_MAP);
        assertThat(recordedInputs(ws, "governance")).containsExactlyInAnyOrder(AttackWorkspace.TASKS, STORY_MAP,
                BE_PLAN);
        assertThat(recordedInputs(ws, "cross_stream_consistency")).containsExactlyInAnyOrder(AttackWorkspace.TASKS,
                BE_PLAN, AttackWorkspace.CAPACITY);
        assertThat(recordedInputs(ws, "parity_coverage")).containsExactlyInAnyOrder(AttackWorkspace.TASKS, STORY_MAP);
    }

    /**
     * Between seal and sign, governance's evidence is rewritten to leave out the story map it judged,
     * and the manifest's checksum of the evidence is updated to match (still canonical).
     */
    @Test
    void evidenceRewrittenToDropAnInputItsGateJudgedIsAMismatch() throws Exception {
        AttackWorkspace ws = AttackWorkspace.sealed(dir);
        String evidence = evidencePath(ws, "governance");
        String before = Sha256.file(ws.path(evidence)).sha256();
        long beforeBytes = Files.size(ws.path(evidence));
        ObjectNode root = (ObjectNode) JSON.readTree(ws.path(evidence).toFile());
        ((ObjectNode) root.get("inputs")).remove(STORY_MAP);
        ws.write(evidence, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        String after = Sha256.file(ws.path(evidence)).sha256();
        long afterBytes = Files.size(ws.path(evidence));
        ws.edit(AttackWorkspace.MANIFEST, m -> m.replace(before, after)
                .replace("bytes: " + beforeBytes + "\n", "bytes: " + afterBytes + "\n"));
        ws.commit("tidy the evidence");

        CliRun verify = ws.verify();

        assertFailsNaming(verify, 1, "EVIDENCE_MISMATCH", evidence, "governance reads " + STORY_MAP,
                "does not record it");
    }

    // Item 3: the verdict is re-derived from the sealed files at snapshot_rev.

    /** The backend stream changes its plan and opens its next cycle after fe sealed and signed. */
    @Test
    void anotherStreamsLaterWorkDoesNotStrandTheSealedCycle() throws Exception {
        AttackWorkspace ws = twoStreams();
        ws.sealNow();
        ws.signAll();
        ws.write(BE_PLAN, bePlan("2025-09-02", "Payment API, now with refunds"));
        ws.write(BE_NEXT, bePlan("2025-09-16", "Refund API"));
        ws.write(AttackWorkspace.CAPACITY, CAPACITY_MODEL.replace("erik: 13", "erik: 5"));
        ws.commit("be moves on");

        CliRun verify = ws.verify();
        CliRun advance = ws.advance("EXECUTED");

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("pinned to their sealed version at snapshot_rev", BE_PLAN + " (changed since)",
                "verdicts recomputed from the sealed inputs", "cross_stream_consistency PASS");
        assertThat(verify.out()).doesNotContain("ARTIFACT_UNSEALED", "ARTIFACT_CHANGED");
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isZero();
    }

    /** The same move, but on a file of the sealed cycle itself: still a discrepancy. */
    @Test
    void thisCyclesOwnFileChangedAfterSealingIsStillADiscrepancy() throws Exception {
        AttackWorkspace ws = twoStreams();
        ws.sealNow();
        ws.signAll();
        ws.edit(STORY_MAP, m -> m + "\n<!-- one more line -->\n");
        ws.commit("touch the story map");

        assertFailsNaming(ws.verify(), 1, "ARTIFACT_CHANGED", STORY_MAP);
        // The refusal is recorded (TRANSITION_REFUSED, as every refused gate run is); the cycle stays.
        assertFailsNaming(ws.advance("EXECUTED"), 1, "REFUSED", "seal.artifact_changed");
        assertThat(ws.read(AttackWorkspace.LOG)).doesNotContain("\"STATE_TRANSITION\",\"payload\":{\"from_state\":\"PACKAGED\"");
    }

    /**
     * Another stream's plan sealed while uncommitted ({@code --allow-dirty}), then changed: git has no
     * sealed version to re-derive from, so the change is a discrepancy (fail closed).
     */
    @Test
    void anotherStreamsSealedPlanThatGitCannotGiveBackIsADiscrepancy() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.commit("plan");
        Files.createDirectories(ws.path(BE_PLAN).getParent());
        ws.write(BE_PLAN, bePlan("2025-09-02", "Payment API"));
        ws.ok(ws.cycleArgs("advance", "--to", "READY_FOR_HANDOFF"));
        ws.ok(ws.cycleArgs("seal", "--allow-dirty"));
        ws.signAll("--allow-dirty"); // signed knowingly (dirty24)
        ws.write(BE_PLAN, bePlan("2025-09-02", "Payment API, now with refunds"));

        assertFailsNaming(ws.verify(), 1, "ARTIFACT_CHANGED", BE_PLAN);
    }

    // Item 5: plug-in gates.

    /** A plug-in gate: fails when any task of the plan is owned by mallory. */
    private static Gate noMallory() {
        return Gates.of("no_mallory", context -> {
            List<Finding> findings = new ArrayList<>();
            context.tasks().ifPresent(plan -> plan.tasks().stream()
                    .filter(t -> t.owner().filter("mallory"::equals).isPresent())
                    .forEach(t -> findings.add(Finding.error("no_mallory.owner", t.id() + " is mallory's",
                            dev.planning.api.SourceLocation.ofFile("plan")))));
            return GateResult.of("no_mallory", findings, Map.of());
        });
    }

    private static void addPluginGate(AttackWorkspace ws) {
        ws.edit("rulebook/rulebook.yaml", r -> r.replace(
                "{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, governance]}",
                "{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, governance, no_mallory]}"));
    }

    private static PlanningWorkspace embedded(AttackWorkspace ws, Gate... gates) {
        Planning.Builder builder = Planning.builder().workspace(ws.root()).trustFile(Path.of(ws.trust()));
        for (Gate gate : gates) {
            builder.gate(gate);
        }
        return builder.build();
    }

    /**
     * Route 1 against a plug-in gate: a task reassigned to mallory in the sealed plan, the manifest's
     * checksum of the plan updated, then the team signs. The plug-in gate is re-run over the sealed
     * plan and disagrees with its sealed PASS.
     */
    @Test
    void aPluginGatesVerdictIsReRunAndAForgedPassIsCaught() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        addPluginGate(ws);
        ws.commit("plan");
        PlanningWorkspace team = embedded(ws, noMallory());
        team.advance(FE, CycleState.READY_FOR_HANDOFF);
        team.advance(FE, CycleState.PACKAGED);
        ws.commit("sealed");
        String sealedSha = Sha256.file(ws.path(AttackWorkspace.TASKS)).sha256();
        long sealedBytes = Files.size(ws.path(AttackWorkspace.TASKS));
        ws.edit(AttackWorkspace.TASKS, t -> t.replaceFirst("owner: [a-z]+", "owner: mallory"));
        String newSha = Sha256.file(ws.path(AttackWorkspace.TASKS)).sha256();
        long newBytes = Files.size(ws.path(AttackWorkspace.TASKS));
        // snapshot_rev pointed at a commit that holds the new plan: a sealed input must be the blob there (seal26).
        String reassigned = ws.commit("reassign");
        ws.edit(AttackWorkspace.MANIFEST, m -> m.replace(sealedSha, newSha)
                .replace("bytes: " + sealedBytes + "\n", "bytes: " + newBytes + "\n")
                .replaceFirst("(?m)^snapshot_rev: \"[0-9a-f]{40}\"$", "snapshot_rev: \"" + reassigned + "\""));
        ws.commit("tidy the seal");

        VerificationReport report = team.verify(FE, TrustFile.readOutside(Path.of(ws.trust()), ws.root()));

        assertThat(report.discrepancies()).extracting(Discrepancy::describe)
                .anySatisfy(d -> assertThat(d).contains("VERDICT_CHANGED", "no_mallory: sealed PASS, now FAIL"));
    }

    /** A handoff sealed with a plug-in gate, verified where that gate is not on the class path. */
    @Test
    void aPluginGateThatIsNotAvailableToVerifyIsRefusedBeforeAnythingRuns() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        addPluginGate(ws);
        ws.commit("plan");
        PlanningWorkspace team = embedded(ws, noMallory());
        team.advance(FE, CycleState.READY_FOR_HANDOFF);
        team.advance(FE, CycleState.PACKAGED);
        ws.commit("sealed");
        for (String role : dev.planning.cli.CycleScript.ROLES) {
            team.sign(FE, PemSigner.load(role, ws.keys().resolve(role + ".key.pem")));
        }
        ws.commit("signed");

        CliRun verify = ws.verify();

        // The builder refuses a profile naming a gate it cannot find before anything runs (exit 2,
        // located at the profile entry): the unrecomputable verdict never reaches a pass.
        assertFailsNaming(verify, 2, "rulebook.yaml:", "names gate 'no_mallory'", "no gate of that name is available");
        // Where the gate is available, the same handoff verifies, saying the plug-in gate was re-run.
        VerificationReport report = team.verify(FE, TrustFile.readOutside(Path.of(ws.trust()), ws.root()));
        assertThat(report.discrepancies()).as(report.discrepancies().toString()).isEmpty();
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("plug-in gate(s) no_mallory re-run"));
    }
}
