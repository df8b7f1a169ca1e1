package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.SealOptions;
import dev.planning.engine.fixtures.GitFixture;
import dev.planning.engine.internal.git.OutsideRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenth review (2026-12-04): a repository in git's SHA-256 object format ({@code git init
 * --object-format=sha256}). JGit opens it and reads its object ids cut to 40 digits, so {@code HEAD}
 * named no object and the index did not parse: every path failed closed, but with JGit's words
 * ("Missing unknown f7e90c...", "Short read of block"), which say nothing of the cause. The
 * repository is now refused by name when it is opened. Needs the {@code git} command (2.29 or
 * later) to make such a repository; skipped without it.
 */
class Sha256RepositoryAttackTest {

    @TempDir
    Path tmp;

    @Test
    void sealingInASha256RepositoryIsRefusedNamingTheObjectFormatAndWritesNoManifest() throws Exception {
        Path ws = SealFixture.copyExample(tmp);
        sha256Repository(ws);
        PlanningWorkspace planning = SealFixture.open(ws);
        assertThat(planning.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        GitFixture.cli(ws, "add", "-A");
        GitFixture.cli(ws, "commit", "-q", "-m", "ready for handoff");

        assertThatThrownBy(() -> planning.seal(CYCLE, SealOptions.defaults()))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("object format 'sha256'")
                .hasMessageContaining("SHA-1");
        assertThat(ws.resolve(SealFixture.MANIFEST)).doesNotExist();
    }

    @Test
    void aTrustFileCommittedToASha256RepositoryIsRefusedNamingTheObjectFormat() throws Exception {
        Path repository = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repository.resolve("trust.yaml"), "keys: []\n", StandardCharsets.UTF_8);
        sha256Repository(repository);

        assertThatThrownBy(() -> OutsideRepository.trackedIn(repository.resolve("trust.yaml"), repository))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("object format 'sha256'");
    }

    /** Makes {@code dir} a SHA-256 repository with everything in it committed. */
    private static void sha256Repository(Path dir) throws IOException, InterruptedException {
        GitFixture.requireCliInit(dir, "these tests need a git command line that makes SHA-256 repositories (2.29 or"
                + " later)", "--object-format=sha256");
        GitFixture.cli(dir, "add", "-A");
        GitFixture.cli(dir, "commit", "-q", "-m", "initial");
        assertThat(GitFixture.cli(dir, "rev-parse", "HEAD")).hasSize(64);
    }
}
