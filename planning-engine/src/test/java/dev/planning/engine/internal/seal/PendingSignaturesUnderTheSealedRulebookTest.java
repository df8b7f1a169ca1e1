package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.PM;
import static dev.planning.engine.internal.seal.SealFixture.QA;
import static dev.planning.engine.internal.seal.SealFixture.TECH_LEAD;
import static dev.planning.engine.internal.seal.SealFixture.TRUST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.CycleQueries.UnmetRequirement;
import dev.planning.engine.Planning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keys27: the pending-signatures question of the workspace's policy ({@code pendingSignatures()}, {@code planning
 * store pending-signatures} without {@code --role}) asked the rulebook in hand which roles must sign, whatever
 * rulebook the handoff was sealed under. SPEC §8: the manifest records the rulebook that judged it
 * ({@code rulebook_hash}), whose signing policy says which roles must sign. The roles now come from that rulebook
 * (the one in hand when it is that one, else the one committed at the manifest's {@code snapshot_rev} with the
 * sealed hash); when it cannot be established, the entry says so and names no role of the rulebook in hand.
 */
class PendingSignaturesUnderTheSealedRulebookTest {

    @TempDir
    Path dir;

    private static final String MORE_PMS = "    - {roles: [PM], min: 2}\n";

    /** The example's rulebook asking one more requirement than it was sealed under: two PM keys. */
    private static void raisePolicy(Path workspace) throws IOException {
        Path rulebook = workspace.resolve("rulebook/rulebook.yaml");
        String text = Files.readString(rulebook);
        Files.writeString(rulebook, text.replace("    - {roles: [QA], min: 1}\n", "    - {roles: [QA], min: 1}\n"
                + MORE_PMS));
    }

    private static List<CycleQueries.PendingSignatures> pending(Path workspace) {
        return Planning.cycleQueries(workspace, WorkspaceLayout.DEFAULT, TRUST).pendingSignatures();
    }

    @Test
    void aHandoffSignedAsItsSealedRulebookAsksIsNotPendingUnderARulebookRaisedSince() throws IOException {
        Path workspace = SealFixture.sealedExample(dir, TRUST);
        PlanningWorkspace ws = SealFixture.open(workspace, TRUST);
        ws.sign(CYCLE, PM);
        ws.sign(CYCLE, TECH_LEAD);
        ws.sign(CYCLE, QA);
        assertThat(pending(workspace)).as("signed as the sealed rulebook asks").isEmpty();

        raisePolicy(workspace);
        SealFixture.commitAll(workspace, "two PM signatures from now on");

        assertThat(pending(workspace)).as("judged under the rulebook it was sealed under").isEmpty();
    }

    @Test
    void aHandoffLackingARoleItsSealedRulebookAsksIsPendingForThatRoleAlone() throws IOException {
        Path workspace = SealFixture.sealedExample(dir, TRUST);
        PlanningWorkspace ws = SealFixture.open(workspace, TRUST);
        ws.sign(CYCLE, PM);
        ws.sign(CYCLE, TECH_LEAD);
        raisePolicy(workspace);
        SealFixture.commitAll(workspace, "two PM signatures from now on");

        assertThat(pending(workspace)).singleElement().satisfies(p -> {
            assertThat(p.missingRoles()).containsExactly("QA");
            assertThat(p.unmetRequirements()).containsExactly(new UnmetRequirement(new SigningRequirement(
                    List.of("QA"), 1), 0));
            assertThat(p.manifestRefused()).isEmpty();
        });
    }

    @Test
    void aHandoffWhoseSealedRulebookCannotBeReadSaysSoAndGuessesNoRole() throws IOException {
        Path workspace = SealFixture.sealedExample(dir, TRUST);
        PlanningWorkspace ws = SealFixture.open(workspace, TRUST);
        ws.sign(CYCLE, PM);
        ws.sign(CYCLE, TECH_LEAD);
        ws.sign(CYCLE, QA);
        raisePolicy(workspace);
        // No repository any more: the rulebook at the manifest's snapshot_rev cannot be read.
        try (Stream<Path> git = Files.walk(workspace.resolve(".git"))) {
            git.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        assertThat(pending(workspace)).singleElement().satisfies(p -> {
            assertThat(p.manifestRefused()).hasValueSatisfying(why -> assertThat(why)
                    .contains("was judged by another rulebook").contains("the roles it requires cannot be told")
                    .contains("none is guessed"));
            assertThat(p.signedRoles()).isEmpty();
            assertThat(p.unmetRequirements()).noneMatch(u -> u.requirement().min() == 2);
        });
    }
}
