package dev.planning.engine.internal.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.engine.fixtures.GitFixture;
import dev.planning.engine.internal.signing.TrustFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gitdirs15: a trust file (or key) committed where a contributor reaches is refused whatever shape
 * the repository around the workspace has: a linked worktree, a {@code .git} file
 * ({@code --separate-git-dir}, submodules), submodules three deep. Where git's own layout cannot be
 * read (a {@code .git} file naming nothing, a work tree elsewhere, a bare repository, an extension
 * this tool does not know), the check refuses rather than accept. Repositories are made with the
 * {@code git} command, as CI makes them; the tests are skipped where there is none.
 */
class GitDirectoryShapesTest {

    private static final String COMMITTED = "committed to the workspace's git repository";

    @TempDir
    Path dir;

    /** A repository at {@code at} (made by {@code git init options}) with planning/ and a committed ci/trust.yaml. */
    private Path repository(Path at, String... options) throws Exception {
        Files.createDirectories(at.resolve("planning"));
        Files.writeString(at.resolve("planning/README.md"), "plans\n");
        Files.createDirectories(at.resolve("ci"));
        Files.writeString(at.resolve("ci/trust.yaml"), "keys: []\n");
        Files.writeString(at.resolve(".gitignore"), "target/\n");
        GitFixture.requireCliInit(at, "these tests make repository shapes only the git command line makes", options);
        GitFixture.cli(at, "add", ".");
        GitFixture.cli(at, "commit", "-q", "-m", "plans, and the trust file by mistake");
        return at;
    }

    private static void addSubmodule(Path superproject, Path submodule) throws Exception {
        GitFixture.cli(superproject, "-c", "protocol.file.allow=always", "submodule", "add", "-q", submodule.toString(), "sub");
        GitFixture.cli(superproject, "commit", "-q", "-m", "submodule");
    }

    @Test
    void aTrustFileCommittedInALinkedWorktreeIsRefused() throws Exception {
        Path main = repository(dir.resolve("main"));
        Path worktree = dir.resolve("wt");
        GitFixture.cli(main, "worktree", "add", "-q", worktree.toString());
        assertThat(worktree.resolve(".git")).isRegularFile();

        assertThatThrownBy(() -> TrustFile.requireOutside(worktree.resolve("ci/trust.yaml"), worktree.resolve("planning")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(COMMITTED);
    }

    /**
     * Failed before: with {@code git init --separate-git-dir} (or {@code git clone --separate-git-dir})
     * the work tree holds a {@code .git} file naming a directory not called {@code .git}; JGit took
     * that repository for a bare one, so the workspace was in no repository and a committed trust
     * file was read as a trust anchor.
     */
    @Test
    void aTrustFileCommittedInARepositoryWithASeparateGitDirectoryIsRefused() throws Exception {
        Path repository = repository(dir.resolve("repo"), "--separate-git-dir", dir.resolve("elsewhere.git").toString());
        assertThat(repository.resolve(".git")).isRegularFile();

        assertThatThrownBy(() -> TrustFile.requireOutside(repository.resolve("ci/trust.yaml"), repository.resolve("planning")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(COMMITTED);
    }

    @Test
    void anIgnoredTrustFileInARepositoryWithASeparateGitDirectoryIsAccepted() throws Exception {
        Path repository = repository(dir.resolve("repo"), "--separate-git-dir", dir.resolve("elsewhere.git").toString());
        Path ignored = Files.createDirectories(repository.resolve("target")).resolve("trust.yaml");
        Files.writeString(ignored, "keys: []\n");

        TrustFile.requireOutside(ignored, repository.resolve("planning"));
    }

    @Test
    void aTrustFileCommittedAtAnyLevelOfThreeNestedSubmodulesIsRefused() throws Exception {
        Path inner = repository(dir.resolve("c"));
        Path middle = repository(dir.resolve("b"));
        addSubmodule(middle, inner);
        Path top = repository(dir.resolve("a"));
        addSubmodule(top, middle);
        GitFixture.cli(top, "-c", "protocol.file.allow=always", "submodule", "update", "-q", "--init", "--recursive");
        Path workspace = top.resolve("sub/sub/planning");
        assertThat(top.resolve("sub/sub/.git")).isRegularFile();

        for (Path committed : new Path[] {top.resolve("sub/sub/ci/trust.yaml"), top.resolve("sub/ci/trust.yaml"),
                top.resolve("ci/trust.yaml")}) {
            assertThatThrownBy(() -> TrustFile.requireOutside(committed, workspace)).as(committed.toString())
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining(COMMITTED);
        }
    }

    @Test
    void aTrustFileOutsideEveryRepositoryIsAcceptedBesideNestedSubmodules() throws Exception {
        Path inner = repository(dir.resolve("c"));
        Path top = repository(dir.resolve("a"));
        addSubmodule(top, inner);
        Path runnerTemp = Files.createDirectories(dir.resolve("runner-temp"));
        Files.writeString(runnerTemp.resolve("trust.yaml"), "keys: []\n");

        TrustFile.requireOutside(runnerTemp.resolve("trust.yaml"), top.resolve("sub/planning"));
    }

    @Test
    void aDotGitFileNamingNoRepositoryIsRefusedNotPassedOver() throws Exception {
        Path repository = repository(dir.resolve("repo"));
        Path workspace = repository.resolve("planning");
        Files.writeString(workspace.resolve(".git"), "gitdir: ../../moved-away.git\n");

        assertThatThrownBy(() -> TrustFile.requireOutside(repository.resolve("ci/trust.yaml"), workspace))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("cannot open the git repository of")
                .hasMessageContaining("moved-away.git").hasMessageContaining("which is no directory")
                .hasMessageContaining("fix the .git file or remove it");
    }

    /**
     * Failed before: JGit passes over a {@code .git} file that is not {@code gitdir: PATH} and looks
     * further up (git stops with "invalid gitfile format"), so with no repository above, a committed
     * trust file was read.
     */
    @Test
    void aDotGitFileThatIsNoGitFileIsRefused() throws Exception {
        Path repository = repository(dir.resolve("repo"));
        Files.move(repository.resolve(".git"), dir.resolve("moved.git"));
        Files.writeString(repository.resolve(".git"), "not a gitdir line\n");

        assertThatThrownBy(() -> TrustFile.requireOutside(repository.resolve("ci/trust.yaml"), repository.resolve("planning")))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("does not name a git directory (one line 'gitdir: PATH')");
    }

    /** A {@code .git} directory that holds no repository is passed over, as git passes over it. */
    @Test
    void anEmptyDotGitDirectoryIsPassedOverAsGitDoes() throws Exception {
        Path repository = repository(dir.resolve("repo"));
        Files.createDirectories(repository.resolve("planning/.git"));

        assertThatThrownBy(() -> TrustFile.requireOutside(repository.resolve("ci/trust.yaml"), repository.resolve("planning")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(COMMITTED);
    }

    /** Failed before: a repository whose core.worktree lies elsewhere put the workspace in no repository. */
    @Test
    void aRepositoryWhoseWorkTreeIsElsewhereIsRefused() throws Exception {
        Path repository = repository(dir.resolve("repo"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        GitFixture.cli(repository, "config", "core.worktree", elsewhere.toString());

        assertThatThrownBy(() -> TrustFile.requireOutside(repository.resolve("ci/trust.yaml"), repository.resolve("planning")))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("cannot tell which files git tracks")
                .hasMessageContaining("does not hold the workspace");
    }

    /** Failed before: a .git directory with core.bare set made the workspace's repository bare, so none. */
    @Test
    void aBareRepositoryAsTheWorkspacesDotGitIsRefused() throws Exception {
        Path repository = repository(dir.resolve("repo"));
        GitFixture.cli(repository, "config", "core.bare", "true");

        assertThatThrownBy(() -> TrustFile.requireOutside(repository.resolve("ci/trust.yaml"), repository.resolve("planning")))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("cannot tell which files git tracks")
                .hasMessageContaining("bare");
    }

    /**
     * Failed before: JGit reads a repository whose format names an extension it does not know (git
     * refuses it), and an untracked file there was accepted on what JGit made of it.
     */
    @Test
    void aRepositoryExtensionThisToolDoesNotKnowIsRefused() throws Exception {
        Path repository = repository(dir.resolve("repo"));
        GitFixture.cli(repository, "config", "core.repositoryformatversion", "1");
        GitFixture.cli(repository, "config", "extensions.frobnicate", "true");
        Path ignored = Files.createDirectories(repository.resolve("target")).resolve("trust.yaml");
        Files.writeString(ignored, "keys: []\n");

        assertThatThrownBy(() -> TrustFile.requireOutside(ignored, repository.resolve("planning")))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("uses the repository extension 'frobnicate', which this tool does not know");
    }

    /** git sparse-checkout sets extensions.worktreeConfig: such a repository is still read. */
    @Test
    void aSparseCheckoutsWorktreeConfigIsRead() throws Exception {
        Path repository = repository(dir.resolve("repo"));
        GitFixture.cli(repository, "sparse-checkout", "set", "planning", "ci");
        GitFixture.requireGit(GitFixture.cli(repository, "config", "extensions.worktreeConfig").equals("true"),
                "this git's sparse-checkout does not set extensions.worktreeConfig");

        assertThatThrownBy(() -> TrustFile.requireOutside(repository.resolve("ci/trust.yaml"), repository.resolve("planning")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(COMMITTED);
    }

    @Test
    void aWorktreeConfigThatMovesTheWorkTreeIsRefused() throws Exception {
        Path repository = repository(dir.resolve("repo"));
        GitFixture.cli(repository, "config", "core.repositoryformatversion", "1");
        GitFixture.cli(repository, "config", "extensions.worktreeConfig", "true");
        GitFixture.cli(repository, "config", "--worktree", "core.worktree", dir.resolve("elsewhere").toString());

        assertThatThrownBy(() -> TrustFile.requireOutside(repository.resolve("ci/trust.yaml"), repository.resolve("planning")))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("config.worktree sets core.worktree or core.bare");
    }

    /**
     * Failed before: a .git directory whose HEAD JGit cannot read (damaged here; unreadable to the
     * user alike) was passed over as no repository, so with none above a committed trust file was read.
     */
    @Test
    void aDotGitDirectoryThatCannotBeReadAsARepositoryIsRefused() throws Exception {
        Path repository = repository(dir.resolve("repo"));
        Files.writeString(repository.resolve(".git/HEAD"), "damaged\n");

        assertThatThrownBy(() -> TrustFile.requireOutside(repository.resolve("ci/trust.yaml"), repository.resolve("planning")))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("holds git's files (HEAD, objects, refs) but cannot be read as a repository");
    }
}
