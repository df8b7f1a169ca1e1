package dev.planning.engine.internal.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.engine.fixtures.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eleventh review (2026-12-04): anyone who may push refs may push {@code refs/replace/<id>}, and
 * the {@code git} command then shows the replacement wherever the replaced object is named
 * ({@code git show REV:plan.yaml}). {@code verify} reads sealed inputs at a revision through JGit,
 * which takes the objects the commit names, never a replacement: a replace ref can change what a
 * person's {@code git} shows, not what is checked against the seal. Pinned here, as a JGit that
 * honoured replace refs would let a pushed ref stand in for a sealed file's committed bytes.
 */
class ReplaceRefAttackTest {

    @TempDir
    Path dir;

    @Test
    void aFileIsReadAsCommittedEvenWhenAReplaceRefStandsForItsBlob() throws Exception {
        GitFixture.requireCliInit(dir, "these tests make replace refs with the git command line");
        Files.writeString(dir.resolve("plan.yaml"), "tasks: sealed\n");
        GitFixture.cli(dir, "add", "plan.yaml");
        GitFixture.cli(dir, "commit", "-q", "-m", "plan");
        String head = GitFixture.cli(dir, "rev-parse", "HEAD");
        String sealed = GitFixture.cli(dir, "rev-parse", "HEAD:plan.yaml");
        Files.writeString(dir.resolve("other.yaml"), "tasks: shown\n");
        String shown = GitFixture.cli(dir, "hash-object", "-w", "other.yaml");
        GitFixture.cli(dir, "replace", sealed, shown);

        assertThat(GitFixture.cli(dir, "show", head + ":plan.yaml")).isEqualTo("tasks: shown");
        try (GitRepository repository = GitRepository.find(dir).orElseThrow()) {
            assertThat(repository.read(head, "plan.yaml", "tasks: sealed\n".length()))
                    .hasValueSatisfying(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8))
                            .isEqualTo("tasks: sealed\n"));
            assertThat(repository.read(head, "plan.yaml", "tasks: shown\n".length())).isEmpty();
        }
    }
}
