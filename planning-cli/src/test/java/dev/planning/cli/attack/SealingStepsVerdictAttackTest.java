package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * attack36: a gate the profile runs at both sealing steps ({@code schema_lint} and {@code governance} in the
 * {@code fe} profile) is recorded in the manifest once, with the evidence of the later step. {@code verify}
 * ran the gates of both steps again over the sealed inputs, but compared only the one the manifest's
 * evidence names: the earlier step's recomputed {@code governance} was thrown away, whatever it said.
 *
 * <p>A policy may read the results of the gates that ran before governance in the same step
 * ({@code GateResultFact}, documented), so governance at {@code PLANNED -> READY_FOR_HANDOFF} can fail where
 * governance at {@code READY_FOR_HANDOFF -> PACKAGED} passes over the same plan. The contributor without keys
 * turns the refused move into {@code READY_FOR_HANDOFF} into an accepted one in the log (chain recomputed),
 * seals (the sealing step's gates pass), and waits for the team: before the fix {@code sign} signed,
 * {@code verify} passed and {@code advance} reached {@code EXECUTED} for a plan the first sealing step's
 * governance refuses. A handoff is sealed only when every gate of its sealing steps passes, so each recomputed
 * gate of each step must pass.
 */
@Tag("slow")
@Tag("attack")
class SealingStepsVerdictAttackTest {

    /** A policy that judges critical items only where cross-stream checks ran before it (PLANNED -> READY_FOR_HANDOFF). */
    private static final String READINESS = """
            package example.readiness;

            import dev.planning.rules.facts.GateResultFact;
            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;

            rule "critical-needs-readiness-review"
                @severity(CRITICAL)
                @solution("Hold the readiness review for the critical item before it is handed off")
            when
                GateResultFact(gate == "cross_stream_consistency")
                $t : TaskFact(criticality == 0)
            then
                insert(Report.violation(kcontext, $t, $t.id() + " is critical and had no readiness review"));
            end
            """;

    @TempDir
    Path dir;

    @Test
    void aGovernanceVerdictOfTheFirstSealingStepThatFailsOverTheSealedInputsIsNeitherSignedNorVerified()
            throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.write("rulebook/rules/readiness.drl", READINESS);
        ws.commit("readiness policy");
        CliRun refused = ws.run(ws.cycleArgs("advance", "--to", "READY_FOR_HANDOFF"));
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.out()).contains("critical-needs-readiness-review");

        // The contributor: the refusal becomes the accepted move, governance recorded as passed.
        AttackWorkspace.rewriteLog(ws.path(AttackWorkspace.LOG), lines -> {
            ObjectNode last = lines.get(lines.size() - 1);
            ObjectNode event = (ObjectNode) last.get("event");
            assertThat(event.get("type").asText()).isEqualTo("TRANSITION_REFUSED");
            event.put("type", "STATE_TRANSITION");
            ObjectNode metadata = (ObjectNode) event.get("payload").get("metadata");
            ((ObjectNode) metadata.get("gate_results")).put("governance", "PASS");
            ObjectNode details = (ObjectNode) metadata.get("details");
            details.remove(List.of("failed_gates", "reason", "moved_to"));
            return lines;
        });
        ws.commit("ready");
        ws.ok(ws.cycleArgs("seal"));
        ws.commit("sealed");
        String sealed = ws.read(AttackWorkspace.MANIFEST);

        List<CliRun> signs = new ArrayList<>();
        for (String role : CycleScript.ROLES) {
            signs.add(ws.sign(role));
        }
        ws.commit("signed");
        CliRun verify = ws.verify();
        CliRun advance = ws.advance("EXECUTED");

        for (CliRun sign : signs) {
            assertThat(sign.exitCode()).as(sign.out() + sign.err()).isNotZero();
            assertThat(sign.out() + sign.err()).contains("VERDICT_CHANGED", "PLANNED->READY_FOR_HANDOFF");
        }
        assertThat(ws.read(AttackWorkspace.MANIFEST)).as("nothing signed").isEqualTo(sealed);
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("VERDICT_CHANGED", "governance", "PLANNED->READY_FOR_HANDOFF",
                "verification FAILED");
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isNotZero();
        assertThat(ws.read(AttackWorkspace.LOG))
                .doesNotContain("\"STATE_TRANSITION\",\"payload\":{\"from_state\":\"PACKAGED\"");
    }
}
