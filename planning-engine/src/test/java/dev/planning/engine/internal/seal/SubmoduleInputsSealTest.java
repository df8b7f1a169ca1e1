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
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gittree27: an input of the gates that lies in a submodule of the workspace's repository (or in a repository nested
 * in its work tree) was refused as an uncommitted change, with "commit them": wrong advice, since committing there
 * records the other repository's commit id, never the file. It is refused as what it is, naming the repository it
 * lies in, why inputs must be files of the workspace's own repository, and what to do.
 */
class SubmoduleInputsSealTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final String FE_PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";
    private static final String BE_PLAN = "frameworks/planning-be/tasks/2025-09-02-be_task_breakdown.yaml";

    @TempDir
    Path dir;

    private static void write(Path ws, String file) throws Exception {
        Path path = ws.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, "tasks: []\n");
    }

    private static void commit(Path repo) throws Exception {
        GitFixture.cli(repo, "add", "-A");
        GitFixture.cli(repo, "-c", "user.name=Tester", "-c", "user.email=tester@example.org", "commit", "-q", "-m", "c");
    }

    /**
     * Two streams' plans and a capacity model; the back end's directory is a repository of its own, committed to the
     * workspace's as a submodule ({@code gitlink}: {@code git add} of a nested repository records its commit id) or
     * ignored by it.
     */
    private Path withBackEnd(boolean gitlink) throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        GitFixture.requireCliInit(ws, "to make a gitlink");
        write(ws, "frameworks/capacity.yaml");
        write(ws, FE_PLAN);
        Path be = Files.createDirectories(ws.resolve("frameworks/planning-be"));
        GitFixture.requireCliInit(be, "to make a gitlink");
        write(ws, BE_PLAN);
        commit(be);
        if (!gitlink) {
            Files.writeString(ws.resolve(".gitignore"), "/frameworks/planning-be/\n");
        }
        commit(ws);
        return ws;
    }

    private static GitState seal(Path ws, boolean allowDirty) {
        List<String> judged = new EvidenceInputs(ws, WorkspaceLayout.DEFAULT).paths(FE);
        return GitState.of(ws, judged, allowDirty, FE, WorkspaceLayout.DEFAULT);
    }

    @Test
    void anInputInASubmoduleIsRefusedAsInAnotherRepositoryNotAsUncommitted() throws Exception {
        Path ws = withBackEnd(true);

        assertThatThrownBy(() -> seal(ws, false)).isInstanceOfSatisfying(SealingException.class,
                e -> assertThat(e.reason()).isEqualTo(SealingException.Reason.UNCOMMITTED_CHANGES))
                .hasMessageContaining("inputs of the gates of " + FE + " lie in another git repository than the"
                        + " workspace's: " + BE_PLAN + " (in the submodule frameworks/planning-be)")
                .hasMessageContaining("inputs must be files tracked by the workspace's own repository")
                .hasMessageContaining("`git rm --cached DIR` for a submodule")
                .hasMessageNotContaining("uncommitted changes")
                .hasMessageNotContaining("commit them");
    }

    @Test
    void anInputInARepositoryNestedWithoutASubmoduleIsRefusedAsInAnotherRepository() throws Exception {
        Path ws = withBackEnd(false);

        assertThatThrownBy(() -> seal(ws, false)).isInstanceOf(SealingException.class)
                .hasMessageContaining(BE_PLAN + " (in the git repository nested at frameworks/planning-be, which has"
                        + " its own .git)")
                .hasMessageNotContaining("commit them");
    }

    @Test
    void anInputInASubmoduleSealsOnlyAsDirty() throws Exception {
        Path ws = withBackEnd(true);

        assertThat(seal(ws, true).dirty()).isTrue();
    }

    @Test
    void theSameInputsCommittedToTheWorkspacesRepositorySealClean() throws Exception {
        Path ws = withBackEnd(true);
        GitFixture.cli(ws, "rm", "-q", "--cached", "frameworks/planning-be");
        FileUtils.delete(ws.resolve("frameworks/planning-be/.git").toFile(),
                FileUtils.RECURSIVE);
        commit(ws);

        assertThat(seal(ws, false).dirty()).isFalse();
    }
}
