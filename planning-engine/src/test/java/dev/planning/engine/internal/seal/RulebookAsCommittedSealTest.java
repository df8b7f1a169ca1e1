package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealingException;
import dev.planning.engine.Planning;
import dev.planning.engine.fixtures.GitFixture;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * probe26: the binding compares the rulebook directory committed at {@code snapshot_rev}, and {@code rulebook_hash}
 * is the hash of the rulebook in hand. A rulebook edited and not committed (or converted on checkout) sealed as
 * {@code dirty: false}: the manifest named a commit whose rulebook did not judge, a clone elsewhere reported
 * {@code RULEBOOK_CHANGED}, and a later cycle could not establish it as its prior's rulebook. Sealing now refuses it
 * (or records {@code dirty: true} with {@code --allow-dirty}).
 */
class RulebookAsCommittedSealTest {

    @TempDir
    Path dir;

    @Test
    void aRulebookEditedSinceItsCommitIsNotSealedAsCommitted() throws Exception {
        Path workspace = SealFixture.readyExample(dir);
        Path settings = workspace.resolve("rulebook/rulebook.yaml");
        Files.writeString(settings, Files.readString(settings) + "# an edit not committed\n");
        PlanningWorkspace ws = SealFixture.open(workspace);

        assertThatThrownBy(() -> ws.seal(CYCLE, SealOptions.defaults())).isInstanceOfSatisfying(SealingException.class,
                e -> assertThat(e.reason()).isEqualTo(SealingException.Reason.UNCOMMITTED_CHANGES))
                .hasMessageContaining("is not rulebook as committed at HEAD (rulebook hash ")
                .hasMessageContaining("or pass --allow-dirty");
        assertThat(ws.status(CYCLE).state()).isEqualTo(CycleState.READY_FOR_HANDOFF);
        assertThat(ws.seal(CYCLE, SealOptions.defaults().withAllowDirty(true)).manifest().orElseThrow().dirty())
                .isTrue();
    }

    @Test
    void aRulebookInNoCommitIsNotSealedAsCommitted() throws Exception {
        Path workspace = SealFixture.readyExample(dir);
        GitFixture.cli(workspace, "rm", "-r", "-q", "--cached", "rulebook");
        Files.createDirectories(workspace.resolve(".git/info"));
        Files.writeString(workspace.resolve(".git/info/exclude"), "rulebook/\n");
        SealFixture.commitAll(workspace, "rulebook out of git");
        PlanningWorkspace ws = SealFixture.open(workspace);

        assertThatThrownBy(() -> ws.seal(CYCLE, SealOptions.defaults())).isInstanceOf(SealingException.class)
                .hasMessageContaining("the rulebook the gates run under is the workspace's rulebook, but HEAD holds no"
                        + " directory rulebook");
    }

    @Test
    void aRulebookFromOutsideTheWorkspacesRulebookDirectoryIsNotJudgedHere() throws Exception {
        Path workspace = SealFixture.readyExample(dir);
        Path elsewhere = WorkspaceCopies.copy(workspace.resolve("rulebook"), dir.resolve("rulebook-elsewhere"));
        Path settings = workspace.resolve("rulebook/rulebook.yaml");
        Files.writeString(settings, Files.readString(settings) + "# an edit not committed, of a rulebook not in use\n");
        PlanningWorkspace ws = Planning.builder().workspace(workspace).rulebook(elsewhere)
                .gate(SealFixture.governance(GateStatus.PASS)).trustedKeys(SealFixture.TRUST)
                .clock(Clock.fixed(SealFixture.NOW, ZoneOffset.UTC)).triggeredBy("tester").build();

        assertThat(ws.seal(CYCLE, SealOptions.defaults()).manifest().orElseThrow().dirty()).isFalse();
    }

    @Test
    void theCommittedRulebookSealsClean() {
        Path workspace = SealFixture.readyExample(dir);

        assertThat(SealFixture.open(workspace).seal(CYCLE, SealOptions.defaults()).manifest().orElseThrow().dirty())
                .isFalse();
    }
}
