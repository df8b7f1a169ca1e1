package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealResult;
import dev.planning.api.seal.SealingException;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.fixtures.GitFixture;
import dev.planning.engine.internal.hash.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code git checkout} of another branch, whose plan differs, while {@code seal} runs: after the
 * gates read the plan and before the manifest is hashed (here done by a gate that runs after
 * {@code schema_lint} in the sealing step, the latest moment before the manifest is built). Before
 * (reliab20), the manifest sealed the other branch's plan, which no gate had judged, at the first
 * branch's {@code snapshot_rev} with {@code dirty: false}, and the seal reported success.
 */
class SealAcrossACheckoutTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final String PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";

    @TempDir
    Path root;

    @Test
    void aCheckoutBetweenTheGatesAndTheManifestWritesNoManifestAndTheNextSealSealsWhatItJudges() throws Exception {
        CycleWorkspace.create(root, CYCLE.cycleId());
        CycleWorkspace.write(root.resolve("rulebook/rulebook.yaml"), CycleWorkspace.RULEBOOK.replace(
                "    - {transition: \"PLANNED->READY_FOR_HANDOFF\", gates: [schema_lint]}\n",
                "    - {transition: \"PLANNED->READY_FOR_HANDOFF\", gates: [schema_lint]}\n"
                        + "    - {transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, checkout_other]}\n"));
        PlanningWorkspace workspace = CycleWorkspace.open(root, Instant.parse("2025-09-02T08:00:00Z"),
                List.of(new CheckoutOther()));
        String judged = Sha256.hex(Files.readAllBytes(root.resolve(PLAN)));
        GitFixture.cli(root, "checkout", "-q", "-b", "other");
        Files.writeString(root.resolve(PLAN), Files.readString(root.resolve(PLAN)).replace("effort: 2", "effort: 13"));
        GitFixture.cli(root, "commit", "-q", "-am", "other plan");
        String other = Sha256.hex(Files.readAllBytes(root.resolve(PLAN)));
        GitFixture.cli(root, "checkout", "-q", "main");
        workspace.create(CYCLE);
        assertThat(workspace.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();

        SealingException refused = catchThrowableOfType(SealingException.class,
                () -> workspace.seal(CYCLE, SealOptions.defaults()));

        assertThat(refused).as("the seal of the first branch's judged plan, over the other's bytes").isNotNull();
        assertThat(refused.reason()).isEqualTo(SealingException.Reason.SEALED_ARTIFACT_CHANGED);
        assertThat(refused.getMessage()).contains(PLAN, "changed while the seal ran", "no manifest was written",
                "run `planning seal` again");
        assertThat(root.resolve(WorkspaceLayout.DEFAULT.manifest(CYCLE))).doesNotExist();
        assertThat(GitFixture.cli(root, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("other");

        // The work tree now holds the other branch throughout: the seal judges and seals its plan.
        SealResult again = workspace.seal(CYCLE, SealOptions.defaults());

        assertThat(again.sealed()).isTrue();
        Map<String, String> sealed = again.manifest().orElseThrow().artifacts().stream()
                .collect(Collectors.toMap(ArtifactChecksum::path, ArtifactChecksum::sha256));
        assertThat(sealed.get(PLAN)).isEqualTo(other).isNotEqualTo(judged);
        assertThat(again.manifest().orElseThrow().snapshotRev()).isEqualTo(GitFixture.cli(root, "rev-parse", "other"));
    }

    /** Switches the work tree to branch {@code other}, after the gates before it read the plan. */
    private static final class CheckoutOther implements Gate {
        @Override
        public String name() {
            return "checkout_other";
        }

        @Override
        public GateResult evaluate(GateContext context) {
            try {
                GitFixture.cli(context.workspace(), "checkout", "-q", "other");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return GateResult.of(name(), List.of(), Map.of());
        }
    }
}
