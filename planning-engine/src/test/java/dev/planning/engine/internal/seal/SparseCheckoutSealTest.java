package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.SealingException;
import dev.planning.engine.fixtures.GitFixture;
import dev.planning.engine.internal.evidence.EvidenceInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * seal24: a sparse checkout that leaves another stream's plan (an input of the gates, committed at
 * {@code HEAD}) out of the work tree still seals only with {@code --allow-dirty} (the gates did not
 * read it), but is told as what it is: not checked out, to be checked out; before, it was listed as
 * {@code (deleted)} with "commit them", the advice for a deletion.
 */
class SparseCheckoutSealTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final String BE_PLAN = "frameworks/planning-be/tasks/2025-09-02-be_task_breakdown.yaml";
    private static final String CAPACITY = "frameworks/capacity.yaml";

    @TempDir
    Path dir;

    /** Two streams' plans and a capacity model, committed with the git command line. */
    private Path twoStreams() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        assumeTrue(GitFixture.cliInit(ws), "no git command line here");
        for (String file : List.of(CAPACITY, "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml", BE_PLAN)) {
            Path path = ws.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, "tasks: []\n");
        }
        GitFixture.cli(ws, "add", "-A");
        GitFixture.cli(ws, "-c", "user.name=Tester", "-c", "user.email=tester@example.org", "commit", "-q", "-m",
                "plans");
        return ws;
    }

    private static GitState seal(Path ws, boolean allowDirty) {
        List<String> judged = new EvidenceInputs(ws, WorkspaceLayout.DEFAULT).paths(FE);
        return GitState.of(ws, judged, allowDirty, FE, WorkspaceLayout.DEFAULT);
    }

    @Test
    void anInputASparseCheckoutLeftOutIsToldAsNotCheckedOutNotAsDeleted() throws Exception {
        Path ws = twoStreams();
        GitFixture.cli(ws, "sparse-checkout", "set", "frameworks/planning-fe");
        assumeTrue(Files.notExists(ws.resolve(BE_PLAN)), "this git's sparse-checkout left the plan in the work tree");

        assertThatThrownBy(() -> seal(ws, false)).isInstanceOfSatisfying(SealingException.class,
                e -> assertThat(e.reason()).isEqualTo(SealingException.Reason.UNCOMMITTED_CHANGES))
                .hasMessageContaining("inputs of the gates of " + FE + " committed at HEAD are not checked out (a sparse"
                        + " checkout leaves them out of the work tree), so the gates could not read them: " + BE_PLAN)
                .hasMessageContaining("`git sparse-checkout add`")
                .hasMessageContaining("or pass --allow-dirty")
                .hasMessageNotContaining("(deleted)")
                .hasMessageNotContaining("commit them");
        assertThat(seal(ws, true).dirty()).isTrue();
    }

    @Test
    void aDeletionBesideASparseCheckoutIsStillToldAsADeletionToCommit() throws Exception {
        Path ws = twoStreams();
        GitFixture.cli(ws, "sparse-checkout", "set", "frameworks/planning-fe");
        assumeTrue(Files.notExists(ws.resolve(BE_PLAN)), "this git's sparse-checkout left the plan in the work tree");
        Files.delete(ws.resolve(CAPACITY));

        assertThatThrownBy(() -> seal(ws, false)).isInstanceOf(SealingException.class)
                .hasMessageContaining("have uncommitted changes: " + CAPACITY + " (deleted); commit them; and inputs of"
                        + " the gates of " + FE + " committed at HEAD are not checked out")
                .hasMessageContaining(BE_PLAN + "; check them out");
    }

    @Test
    void aFullCheckoutOfTheSameCommitSeals() throws Exception {
        Path ws = twoStreams();

        GitState state = seal(ws, false);

        assertThat(state.dirty()).isFalse();
    }
}
