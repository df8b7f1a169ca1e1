package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.engine.fixtures.GitFixture;
import dev.planning.engine.fixtures.Monorepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adversary of SPEC §8 holds no private key, but can read the repository: a private key
 * committed to it (anywhere in the work tree that holds the workspace, a monorepo's {@code ci/}
 * beside its {@code planning/}) is a key they hold. {@code Keys.pemSigner(role, file, workspace)}
 * refuses it, and a committed link to a key outside; a key no commit put there is read.
 */
class PrivateKeyInRepositoryTest {

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
    void aKeyCommittedElsewhereInTheWorkspacesRepositoryIsRefusedWithWhatToDo() throws Exception {
        Path key = key(repository.resolve("ci"));
        mono.commitAll();

        assertThatThrownBy(() -> FileKeys.INSTANCE.pemSigner("QA", key, workspace))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("committed to the workspace's git repository")
                .hasMessageContaining("treat it as leaked")
                .satisfies(e -> assertThat(((InvalidInputException) e).describe()).contains("QA.key.pem"));
    }

    @Test
    void aKeyOnlyStagedIsRefused() throws Exception {
        mono.commitAll();
        Path key = key(repository.resolve("ci"));
        mono.stage("ci/QA.key.pem");

        assertThatThrownBy(() -> FileKeys.INSTANCE.pemSigner("QA", key, workspace))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("committed to the workspace's git repository");
    }

    @Test
    void aCommittedLinkToAKeyOutsideIsRefused() throws Exception {
        Path outside = key(dir.resolve("elsewhere"));
        Path link = Files.createDirectories(repository.resolve("ci")).resolve("QA.key.pem");
        Files.createSymbolicLink(link, outside);
        mono.commitAll();

        assertThatThrownBy(() -> FileKeys.INSTANCE.pemSigner("QA", link, workspace))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("committed to the workspace's git repository");
    }

    /** A key a submodule brings came from a commit too (the repository names the submodule's commit). */
    @Test
    void aKeyThatASubmoduleOfTheWorkspacesRepositoryBringsIsRefused() throws Exception {
        Path submodule = Files.createDirectories(repository.resolve("ci"));
        Path key = key(submodule.resolve("keys"));
        GitFixture.commitAll(submodule, "keys");
        mono.commitAll();

        assertThatThrownBy(() -> FileKeys.INSTANCE.pemSigner("QA", key, workspace))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("committed to the workspace's git repository");
    }

    /**
     * A key the superproject commits, when the workspace's repository is its submodule: whoever
     * commits there can read it (fourteenth review; it was read as the signer's key).
     */
    @Test
    void aKeyCommittedByASuperprojectThatBringsTheWorkspaceAsASubmoduleIsRefused() throws Exception {
        GitFixture.commitAll(workspace, "plans");
        Path key = key(repository.resolve("ci"));
        mono.commitAll();

        assertThatThrownBy(() -> FileKeys.INSTANCE.pemSigner("QA", key, workspace))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("committed to the workspace's git repository");
    }

    @Test
    void anUntrackedKeyInsideTheWorkspaceIsRefused() throws Exception {
        mono.commitAll();
        Path key = key(workspace.resolve("keys"));

        assertThatThrownBy(() -> FileKeys.INSTANCE.pemSigner("QA", key, workspace))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("inside the workspace");
    }

    @Test
    void anIgnoredKeyInTheRepositorysWorkTreeIsRead() throws Exception {
        mono.commitAll();
        Path key = key(repository.resolve("target/keys"));

        assertThat(FileKeys.INSTANCE.pemSigner("QA", key, workspace).role()).isEqualTo("QA");
    }

    @Test
    void aKeyOutsideTheRepositoryIsRead() throws Exception {
        mono.commitAll();
        Path key = key(dir.resolve("home/.planning/keys"));

        assertThat(FileKeys.INSTANCE.pemSigner("QA", key, workspace).role()).isEqualTo("QA");
    }

    private static Path key(Path directory) throws Exception {
        return KeyFiles.generate("QA", SignatureAlgorithm.ED25519, Files.createDirectories(directory)).privateKey();
    }
}
