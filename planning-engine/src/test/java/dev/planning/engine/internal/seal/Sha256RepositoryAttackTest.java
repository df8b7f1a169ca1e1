package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.planning.api.PlanningException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.SealOptions;
import dev.planning.engine.internal.git.OutsideRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        git(ws, "add", "-A");
        git(ws, "commit", "-q", "-m", "ready for handoff");

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
        assumeTrue(run(dir, "git", "init", "-q", "--object-format=sha256", "-b", "main", ".") == 0,
                "the git command cannot make a SHA-256 repository here");
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", "initial");
        assertThat(git(dir, "rev-parse", "HEAD")).hasSize(64);
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Tester",
                "-c", "user.email=tester@example.org", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
        return out.strip();
    }

    private static int run(Path dir, String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor();
        } catch (IOException e) {
            return -1; // no git command
        }
    }
}
