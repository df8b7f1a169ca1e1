package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.signing.SignatureAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
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

    private Path repository;
    private Path workspace;

    @BeforeEach
    void monorepo() throws Exception {
        repository = dir.resolve("repo");
        workspace = Files.createDirectories(repository.resolve("planning"));
        Files.writeString(workspace.resolve("README.md"), "plans\n");
        Files.writeString(repository.resolve(".gitignore"), "target/\n");
    }

    @Test
    void aKeyCommittedElsewhereInTheWorkspacesRepositoryIsRefusedWithWhatToDo() throws Exception {
        Path key = key(repository.resolve("ci"));
        commitAll();

        assertThatThrownBy(() -> FileKeys.INSTANCE.pemSigner("QA", key, workspace))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("committed to the workspace's git repository")
                .hasMessageContaining("treat it as leaked")
                .satisfies(e -> assertThat(((InvalidInputException) e).describe()).contains("QA.key.pem"));
    }

    @Test
    void aKeyOnlyStagedIsRefused() throws Exception {
        commitAll();
        Path key = key(repository.resolve("ci"));
        try (Git git = Git.open(repository.toFile())) {
            git.add().addFilepattern("ci/QA.key.pem").call();
        }

        assertThatThrownBy(() -> FileKeys.INSTANCE.pemSigner("QA", key, workspace))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("committed to the workspace's git repository");
    }

    @Test
    void aCommittedLinkToAKeyOutsideIsRefused() throws Exception {
        Path outside = key(dir.resolve("elsewhere"));
        Path link = Files.createDirectories(repository.resolve("ci")).resolve("QA.key.pem");
        Files.createSymbolicLink(link, outside);
        commitAll();

        assertThatThrownBy(() -> FileKeys.INSTANCE.pemSigner("QA", link, workspace))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("committed to the workspace's git repository");
    }

    @Test
    void anUntrackedKeyInsideTheWorkspaceIsRefused() throws Exception {
        commitAll();
        Path key = key(workspace.resolve("keys"));

        assertThatThrownBy(() -> FileKeys.INSTANCE.pemSigner("QA", key, workspace))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("inside the workspace");
    }

    @Test
    void anIgnoredKeyInTheRepositorysWorkTreeIsRead() throws Exception {
        commitAll();
        Path key = key(repository.resolve("target/keys"));

        assertThat(FileKeys.INSTANCE.pemSigner("QA", key, workspace).role()).isEqualTo("QA");
    }

    @Test
    void aKeyOutsideTheRepositoryIsRead() throws Exception {
        commitAll();
        Path key = key(dir.resolve("home/.planning/keys"));

        assertThat(FileKeys.INSTANCE.pemSigner("QA", key, workspace).role()).isEqualTo("QA");
    }

    private void commitAll() throws Exception {
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Tester", "tester@example.org");
            git.commit().setMessage("plans").setAuthor(who).setCommitter(who).setSign(false).call();
        }
    }

    private static Path key(Path directory) throws Exception {
        return KeyFiles.generate("QA", SignatureAlgorithm.ED25519, Files.createDirectories(directory)).privateKey();
    }
}
