package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.fixtures.GitFixture;
import dev.planning.engine.fixtures.Monorepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found in review: a workspace may be a directory of a larger repository (a monorepo's
 * {@code planning/}). A trust file committed elsewhere in that repository ({@code ci/trust.yaml})
 * lay outside the workspace, so it was read as a trust anchor, though whoever can commit to the
 * repository can add a key to it (SPEC §8). A committed file (or a committed link to one) is
 * refused; a file no commit put there (a CI secret, git-ignored build output) is read.
 */
class TrustFileInRepositoryTest {

    @TempDir
    Path dir;

    private Monorepo mono;
    private Path repository;
    private Path workspace;

    @BeforeEach
    void monorepo() {
        mono = Monorepo.in(dir);
        repository = mono.repository();
        workspace = mono.workspace();
    }

    @Test
    void aTrustFileCommittedElsewhereInTheWorkspacesRepositoryIsRefused() throws Exception {
        Path committed = trustFile(repository.resolve("ci"));
        mono.commitAll();

        assertThatThrownBy(() -> TrustFile.readOutside(committed, workspace))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("committed to the workspace's git repository");
    }

    @Test
    void aTrustFileOnlyStagedInTheRepositoryIsRefused() throws Exception {
        mono.commitAll();
        Path staged = trustFile(repository.resolve("ci"));
        mono.stage("ci/trust.yaml");

        assertThatThrownBy(() -> TrustFile.readOutside(staged, workspace))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("committed to the workspace's git repository");
    }

    @Test
    void aCommittedLinkInTheRepositoryToATrustFileOutsideIsRefused() throws Exception {
        Path outside = trustFile(dir.resolve("elsewhere"));
        Path link = Files.createDirectories(repository.resolve("ci")).resolve("trust.yaml");
        Files.createSymbolicLink(link, outside);
        mono.commitAll();

        assertThatThrownBy(() -> TrustFile.readOutside(link, workspace))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("committed to the workspace's git repository");
    }

    /**
     * Found by the attack review of 2026-12-03: a file a submodule brings into the work tree is not
     * in the workspace's repository's index or tree under its own path (git records only the
     * submodule's commit, a gitlink), so it was read as a trust anchor; whoever can commit moves the
     * gitlink (and {@code .gitmodules}) to a commit of their own.
     */
    @Test
    void aTrustFileThatASubmoduleOfTheWorkspacesRepositoryBringsIsRefused() throws Exception {
        Path submodule = Files.createDirectories(repository.resolve("ci"));
        Path inSubmodule = trustFile(submodule.resolve("keys"));
        GitFixture.commitAll(submodule, "keys");
        mono.commitAll();
        try (Git git = Git.open(repository.toFile())) {
            assertThat(git.status().call().isClean()).as("the submodule is committed as a gitlink").isTrue();
        }

        assertThatThrownBy(() -> TrustFile.readOutside(inSubmodule, workspace))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("committed to the workspace's git repository");
    }

    /**
     * Found by the fourteenth review: the workspace may be a repository of its own that a larger
     * repository brings as a submodule ({@code planning/} a gitlink of the superproject). A trust
     * file the superproject commits ({@code ci/trust.yaml}) lay outside the workspace's own work
     * tree, so it was read as a trust anchor, though whoever commits to the superproject moves the
     * gitlink (so chooses the workspace's every file) and edits that file alike.
     */
    @Test
    void aTrustFileCommittedByASuperprojectThatBringsTheWorkspaceAsASubmoduleIsRefused() throws Exception {
        GitFixture.commitAll(workspace, "plans");
        Path committed = trustFile(repository.resolve("ci"));
        mono.commitAll();
        try (Git git = Git.open(repository.toFile())) {
            assertThat(git.status().call().isClean()).as("the workspace is committed as a gitlink").isTrue();
        }

        assertThatThrownBy(() -> TrustFile.readOutside(committed, workspace))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("committed to the workspace's git repository");
    }

    /** The same layout, the trust file only git-ignored output of the superproject's checkout: read. */
    @Test
    void anIgnoredTrustFileInTheSuperprojectOfTheWorkspaceIsRead() throws Exception {
        GitFixture.commitAll(workspace, "plans");
        mono.commitAll();
        Path ignored = trustFile(repository.resolve("target/keys"));

        assertThat(TrustFile.readOutside(ignored, workspace).keys()).hasSize(1);
    }

    @Test
    void anIgnoredTrustFileInTheRepositorysWorkTreeIsRead() throws Exception {
        mono.commitAll();
        Path ignored = trustFile(repository.resolve("target/keys"));

        TrustedKeys keys = TrustFile.readOutside(ignored, workspace);

        assertThat(keys.keys()).hasSize(1);
    }

    @Test
    void aTrustFileOutsideTheRepositoryIsRead() throws Exception {
        mono.commitAll();
        Path outside = trustFile(dir.resolve("ci-config"));

        TrustedKeys keys = TrustFile.readOutside(outside, workspace);

        assertThat(keys.keys()).hasSize(1);
    }

    private static Path trustFile(Path directory) throws Exception {
        Files.createDirectories(directory);
        Path file = directory.resolve("trust.yaml");
        PublicKey key = Crypto.generate(SignatureAlgorithm.ED25519).getPublic();
        TrustFile.add(file, new TrustedKey("QA", Crypto.keyId(key), SignatureAlgorithm.ED25519, key));
        return file;
    }
}
