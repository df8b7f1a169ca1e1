package dev.planning.engine.internal.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.engine.fixtures.GitFixture;
import dev.planning.engine.internal.signing.TrustFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * review15 (2026-12-05): a linked worktree of a bare repository ({@code git clone --bare}, then
 * {@code git worktree add}: a common way to keep several branches checked out) is an honest layout.
 * git ignores the common config's {@code core.bare} for a linked worktree; {@link GitRepository#find}
 * took it as the worktree's and refused every workspace there ("the repository is bare").
 */
class BareRepositoryWorktreeTest {

    @TempDir
    Path dir;

    /** A linked worktree, at {@code wt}, of a bare clone of a repository with planning/ and a committed ci/trust.yaml. */
    private Path worktreeOfABareClone() throws Exception {
        Path origin = dir.resolve("origin");
        Files.createDirectories(origin.resolve("planning"));
        Files.writeString(origin.resolve("planning/README.md"), "plans\n");
        Files.createDirectories(origin.resolve("ci"));
        Files.writeString(origin.resolve("ci/trust.yaml"), "keys: []\n");
        Files.writeString(origin.resolve(".gitignore"), "target/\n");
        GitFixture.requireCliInit(origin, "these tests clone bare and add work trees with the git command line");
        GitFixture.cli(origin, "add", ".");
        GitFixture.cli(origin, "commit", "-q", "-m", "plans, and the trust file by mistake");
        Path bare = dir.resolve("bare.git");
        GitFixture.cli(dir, "clone", "-q", "--bare", origin.toString(), bare.toString());
        Path worktree = dir.resolve("wt");
        GitFixture.cli(bare, "worktree", "add", "-q", worktree.toString());
        assertThat(GitFixture.cli(bare, "config", "core.bare").strip()).isEqualTo("true");
        assertThat(GitFixture.cli(worktree, "rev-parse", "--is-inside-work-tree").strip()).isEqualTo("true");
        return worktree;
    }

    @Test
    void aTrustFileCommittedInAWorktreeOfABareCloneIsRefusedAsCommitted() throws Exception {
        Path worktree = worktreeOfABareClone();

        assertThatThrownBy(() -> TrustFile.requireOutside(worktree.resolve("ci/trust.yaml"), worktree.resolve("planning")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("committed to the workspace's git repository");
    }

    @Test
    void theWorkspaceInAWorktreeOfABareCloneIsReadWithItsTrackedFiles() throws Exception {
        Path worktree = worktreeOfABareClone();
        Path ignored = Files.createDirectories(worktree.resolve("target")).resolve("trust.yaml");
        Files.writeString(ignored, "keys: []\n");

        try (GitRepository repository = GitRepository.find(worktree.resolve("planning")).orElseThrow()) {
            assertThat(repository.workTree()).isEqualTo(worktree.toRealPath());
        }
        TrustFile.requireOutside(ignored, worktree.resolve("planning"));
    }

    @Test
    void aLinkedWorktreeWhoseOwnConfigPutsItsWorkTreeElsewhereIsRefusedNotGuessed() throws Exception {
        // The common config's core.bare and core.worktree are the main worktree's, but a linked
        // worktree's own config.worktree (extensions.worktreeConfig) is read for it: git 2.39 then
        // refuses to set up the work tree ("invalid config"), and so does this tool, rather than
        // read it as if the setting were not there.
        Path worktree = worktreeOfABareClone();
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        GitFixture.cli(worktree, "config", "extensions.worktreeConfig", "true");
        GitFixture.cli(worktree, "config", "--worktree", "core.worktree", elsewhere.toString());

        assertThatThrownBy(() -> GitRepository.find(worktree.resolve("planning")))
                .isInstanceOf(dev.planning.api.PlanningException.class)
                .hasMessageContaining("config.worktree sets core.worktree or core.bare");
    }
}
