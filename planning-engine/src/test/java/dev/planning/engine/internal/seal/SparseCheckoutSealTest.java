package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        // Fails rather than skips (parse25): a skipped test is a warning that fails .ci/run, and says less.
        assertThat(GitFixture.cliInit(ws)).as("`git init` failed: these tests need the git command line on PATH"
                + " (git 2.25 or later, for `git sparse-checkout`); JGit cannot set the skip-worktree bit").isTrue();
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

    /** {@code git sparse-checkout set frameworks/planning-fe}, which must leave the other stream's plan out. */
    private static void sparseCheckoutOfTheFrontEndOnly(Path ws) throws Exception {
        GitFixture.cli(ws, "sparse-checkout", "set", "frameworks/planning-fe");
        assertThat(ws.resolve(BE_PLAN)).as("`git sparse-checkout set frameworks/planning-fe` (git %s) left %s in the"
                + " work tree; these tests need a git whose sparse checkout removes a file outside its cone",
                GitFixture.cli(ws, "--version"), BE_PLAN).doesNotExist();
    }

    private static GitState seal(Path ws, boolean allowDirty) {
        List<String> judged = new EvidenceInputs(ws, WorkspaceLayout.DEFAULT).paths(FE);
        return GitState.of(ws, judged, allowDirty, FE, WorkspaceLayout.DEFAULT);
    }

    @Test
    void anInputASparseCheckoutLeftOutIsToldAsNotCheckedOutNotAsDeleted() throws Exception {
        Path ws = twoStreams();
        sparseCheckoutOfTheFrontEndOnly(ws);

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
        sparseCheckoutOfTheFrontEndOnly(ws);
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
