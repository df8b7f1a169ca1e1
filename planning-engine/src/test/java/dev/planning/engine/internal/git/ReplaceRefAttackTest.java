package dev.planning.engine.internal.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        assumeTrue(run(dir, "git", "init", "-q", "-b", "main", ".") == 0, "no git command here");
        Files.writeString(dir.resolve("plan.yaml"), "tasks: sealed\n");
        git("add", "plan.yaml");
        git("commit", "-q", "-m", "plan");
        String head = git("rev-parse", "HEAD");
        String sealed = git("rev-parse", "HEAD:plan.yaml");
        Files.writeString(dir.resolve("other.yaml"), "tasks: shown\n");
        String shown = git("hash-object", "-w", "other.yaml");
        git("replace", sealed, shown);

        assertThat(git("show", head + ":plan.yaml")).isEqualTo("tasks: shown");
        try (GitRepository repository = GitRepository.find(dir).orElseThrow()) {
            assertThat(repository.read(head, "plan.yaml", "tasks: sealed\n".length()))
                    .hasValueSatisfying(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8))
                            .isEqualTo("tasks: sealed\n"));
            assertThat(repository.read(head, "plan.yaml", "tasks: shown\n".length())).isEmpty();
        }
    }

    private String git(String... args) throws IOException, InterruptedException {
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
            return -1;
        }
    }
}
