package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.engine.fixtures.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gitdirs15, from the command line: a key or trust file committed to the workspace's repository is
 * refused with exit code 2 whatever the shape of the repository's {@code .git} (a {@code .git} file
 * as {@code --separate-git-dir} leaves it) and whatever git variables the CI job sets: the engine
 * finds the workspace's repository from the workspace alone, never from {@code GIT_DIR} and the
 * like, so such a variable can neither hide a committed file nor make {@code verify} read another
 * repository.
 */
class GitDirectoryShapesCliTest {

    private static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";

    @TempDir
    Path dir;

    /**
     * A monorepo {@code dir/repo} with the workspace in {@code planning/} and, committed by
     * mistake, the PM's key and the trust file in {@code ci/}; sealed at PACKAGED. The keys are also
     * in {@code dir/keys}, outside every repository.
     */
    private Path monorepoWithCommittedKeyAndTrust() throws Exception {
        Path repository = dir.resolve("repo");
        Path ws = repository.resolve("planning");
        CliRun.copyOf("fe-2025-09-02", ws);
        CycleScript.ok("keys", "generate", "--role", "PM", "--out", dir.resolve("keys").toString());
        Path ci = Files.createDirectories(repository.resolve("ci"));
        Files.copy(dir.resolve("keys/PM.key.pem"), ci.resolve("PM.key.pem"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(dir.resolve("keys/trust.yaml"), ci.resolve("trust.yaml"));
        GitFixture.commitAll(repository, "plans and, by mistake, a key");
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
        return ws;
    }

    /** Moves {@code repository/.git} out of the work tree, leaving a {@code .git} file that names it (git's --separate-git-dir layout). */
    private Path separateGitDirectory(Path repository) throws Exception {
        Path gitDir = dir.resolve("repo.git");
        Files.move(repository.resolve(".git"), gitDir);
        Files.writeString(repository.resolve(".git"), "gitdir: " + gitDir + "\n", StandardCharsets.UTF_8);
        return gitDir;
    }

    private static String[] sign(Path ws, Path key, Path trust) {
        return new String[] {"sign", ws.resolve(MANIFEST).toString(), "--role", "PM", "--key", key.toString(), "--trust",
                trust.toString()};
    }

    /** Failed before: JGit took the separate git directory for a bare repository, so the key was used. */
    @Test
    void aKeyCommittedToARepositoryWithASeparateGitDirectoryIsRefused() throws Exception {
        Path ws = monorepoWithCommittedKeyAndTrust();
        separateGitDirectory(dir.resolve("repo"));

        CliRun run = CliRun.of(sign(ws, dir.resolve("repo/ci/PM.key.pem"), dir.resolve("keys/trust.yaml")));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().startsWith("error: ")
                .contains("PM.key.pem").contains("committed to the workspace's git repository");
    }

    /** Failed before, as the key. */
    @Test
    void aTrustFileCommittedToARepositoryWithASeparateGitDirectoryIsRefused() throws Exception {
        Path ws = monorepoWithCommittedKeyAndTrust();
        separateGitDirectory(dir.resolve("repo"));

        CliRun run = CliRun.of(sign(ws, dir.resolve("keys/PM.key.pem"), dir.resolve("repo/ci/trust.yaml")));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().startsWith("error: ")
                .contains("trust.yaml").contains("committed to the workspace's git repository");
    }

    @Test
    void theKeysOutsideEveryRepositoryStillSignInThatLayout() throws Exception {
        Path ws = monorepoWithCommittedKeyAndTrust();
        separateGitDirectory(dir.resolve("repo"));

        CliRun run = CliRun.of(sign(ws, dir.resolve("keys/PM.key.pem"), dir.resolve("keys/trust.yaml")));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }

    @Test
    void aDotGitFileNamingNothingIsRefusedWithWhatToDo() throws Exception {
        Path ws = monorepoWithCommittedKeyAndTrust();
        Files.move(dir.resolve("repo/.git"), dir.resolve("moved.git"));
        Files.writeString(dir.resolve("repo/.git"), "gitdir: " + dir.resolve("repo.git") + "\n", StandardCharsets.UTF_8);

        CliRun run = CliRun.of(sign(ws, dir.resolve("keys/PM.key.pem"), dir.resolve("repo/ci/trust.yaml")));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().startsWith("error: ")
                .contains("repo.git").contains("which is no directory").contains("fix the .git file or remove it");
    }

    /**
     * A CI job's git variables pointing at another repository (an empty one, where nothing is
     * committed) do not hide the key committed to the workspace's own: the engine never reads them.
     */
    @Test
    void gitVariablesPointingElsewhereDoNotHideACommittedKey() throws Exception {
        Path ws = monorepoWithCommittedKeyAndTrust();
        Path other = Files.createDirectories(dir.resolve("other"));
        Git.init().setDirectory(other.toFile()).setInitialBranch("main").call().close();

        CliRun run = CliRun.inChildJvm(elsewhere(other), sign(ws, dir.resolve("repo/ci/PM.key.pem"),
                dir.resolve("keys/trust.yaml")));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("PM.key.pem").contains("committed to the workspace's git repository");
    }

    /**
     * The same variables do not make {@code verify} read another repository: its verdict and report
     * are those of a run without them (the other repository has none of the sealed commits).
     */
    @Test
    void gitVariablesPointingElsewhereDoNotChangeWhatVerifyReads() throws Exception {
        Path ws = CycleScript.validatedExample(dir);
        Path other = Files.createDirectories(dir.resolve("other"));
        Git.init().setDirectory(other.toFile()).setInitialBranch("main").call().close();
        String[] verify = CycleScript.cycle(ws, "verify", "--trust", dir.resolve("keys/trust.yaml").toString());

        CliRun plain = CliRun.inChildJvm(Map.of(), verify);
        CliRun withVariables = CliRun.inChildJvm(elsewhere(other), verify);

        assertThat(plain.exitCode()).as(plain.out() + plain.err()).isZero();
        assertThat(withVariables.exitCode()).as(withVariables.out() + withVariables.err()).isZero();
        assertThat(withVariables.out()).isEqualTo(plain.out());
    }

    private Map<String, String> elsewhere(Path other) {
        return Map.of("GIT_DIR", other.resolve(".git").toString(), "GIT_WORK_TREE", other.toString(),
                "GIT_COMMON_DIR", other.resolve(".git").toString(), "GIT_INDEX_FILE", other.resolve(".git/index").toString(),
                "GIT_CEILING_DIRECTORIES", dir.toString(), "GIT_DISCOVERY_ACROSS_FILESYSTEM", "0");
    }
}
