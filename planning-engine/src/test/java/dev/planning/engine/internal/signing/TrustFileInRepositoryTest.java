package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found in review: a workspace may be a directory of a larger repository (a monorepo's
 * {@code planning/}). A trust file elsewhere in that repository ({@code ci/trust.yaml}) lay outside
 * the workspace, so it was read as a trust anchor, though whoever can commit to the repository can
 * add a key to it (SPEC §8). Trust comes only from outside the repository.
 */
class TrustFileInRepositoryTest {

    @TempDir
    Path dir;

    @Test
    void aTrustFileInTheWorkspacesRepositoryButOutsideTheWorkspaceIsRefused() throws Exception {
        Path repository = dir.resolve("repo");
        Path workspace = Files.createDirectories(repository.resolve("planning"));
        Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call().close();
        Path inRepository = trustFile(repository.resolve("ci"));

        assertThatThrownBy(() -> TrustFile.readOutside(inRepository, workspace))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("inside the workspace's git repository");
    }

    @Test
    void aTrustFileOutsideTheRepositoryIsRead() throws Exception {
        Path repository = dir.resolve("repo");
        Path workspace = Files.createDirectories(repository.resolve("planning"));
        Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call().close();
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
