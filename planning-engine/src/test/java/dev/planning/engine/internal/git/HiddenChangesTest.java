package dev.planning.engine.internal.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.engine.fixtures.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * review24: a file the index tells git not to look at ({@code git update-index --assume-unchanged} or
 * {@code --skip-worktree}) and then edited is not committed: git's status does not compare it, so
 * {@link GitRepository#uncommitted} took the edit for committed, and {@code seal} sealed the edited bytes as
 * {@code dirty: false} at a commit that does not hold them (a signer's clone then has other bytes; the seal's
 * claim was false). Such a file left as committed is still committed.
 */
class HiddenChangesTest {

    @TempDir
    Path dir;

    @Test
    void anEditHiddenFromGitsStatusIsUncommittedAndAnUneditedFileIsNot() throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("plans"));
        for (String name : List.of("assumed.yaml", "skipped.yaml", "untouched.yaml", "plain.yaml")) {
            Files.writeString(workspace.resolve(name), name + "\n");
        }
        GitFixture.cli(dir, "init", "-q");
        GitFixture.cli(dir, "add", ".");
        GitFixture.cli(dir, "commit", "-q", "-m", "one");
        GitFixture.cli(dir, "update-index", "--assume-unchanged", "plans/assumed.yaml", "plans/untouched.yaml");
        GitFixture.cli(dir, "update-index", "--skip-worktree", "plans/skipped.yaml");
        Files.writeString(workspace.resolve("assumed.yaml"), "edited\n");
        Files.writeString(workspace.resolve("skipped.yaml"), "edited\n");
        assertThat(GitFixture.cli(dir, "status", "--porcelain")).as("git itself does not see the edits").isEmpty();

        try (GitRepository repository = GitRepository.find(workspace).orElseThrow()) {
            assertThat(repository.uncommitted(List.of("assumed.yaml", "skipped.yaml", "untouched.yaml", "plain.yaml")))
                    .containsExactly("assumed.yaml", "skipped.yaml");
        }
    }
}
