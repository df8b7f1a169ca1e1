package dev.planning.engine.internal.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.engine.fixtures.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gittree27, the adversary of SPEC §8 (commits any file, holds no key) against the shapes a repository holding the
 * workspace can take and the refs and files git consults besides the objects. Each behaviour here fails closed;
 * the tests pin it:
 *
 * <ul>
 *   <li>a {@code .git} that is a symbolic link to the git directory is read as git reads it: an edit is
 *       uncommitted, a committed file tracked; one that leads nowhere is refused, never passed over;</li>
 *   <li>a work tree checked out under a replace ref ({@code refs/replace}) holds bytes the commit does not: they
 *       are compared with the commit's own blob, so the seal refuses them (JGit honours no replace ref);</li>
 *   <li>a grafts file ({@code info/grafts}) that gives {@code HEAD} another parent is not followed by the
 *       first-parent walk of the binding, and a {@code shallow} file that cuts the line short makes the walk find
 *       less, never more.</li>
 * </ul>
 */
class RepositoryShapesAttackTest {

    @TempDir
    Path dir;

    /** {@code dir/repo} with {@code plan.yaml} committed by the git command line; returns the repository. */
    private Path committed(String content) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        GitFixture.requireCliInit(repo, "these tests make replace refs, grafts and links with the git command line");
        Files.writeString(repo.resolve("plan.yaml"), content, StandardCharsets.UTF_8);
        GitFixture.cli(repo, "add", "plan.yaml");
        GitFixture.cli(repo, "commit", "-q", "-m", "plan");
        return repo;
    }

    @Test
    void aDotGitThatIsALinkToTheGitDirectoryIsReadAsGitReadsIt() throws Exception {
        Path repo = committed("tasks: []\n");
        Path gitDir = dir.resolve("elsewhere.git");
        Files.move(repo.resolve(".git"), gitDir);
        Files.createSymbolicLink(repo.resolve(".git"), gitDir);
        Files.writeString(repo.resolve("plan.yaml"), "tasks: [edited]\n", StandardCharsets.UTF_8);

        try (GitRepository git = GitRepository.find(repo).orElseThrow()) {
            assertThat(git.uncommitted(List.of("plan.yaml"))).containsExactly("plan.yaml");
            assertThat(git.tracks(repo.resolve("plan.yaml").toRealPath(), repo)).isTrue();
        }
    }

    @Test
    void aDotGitThatIsALinkLeadingNowhereIsRefused() throws Exception {
        Path repo = committed("tasks: []\n");
        Files.move(repo.resolve(".git"), dir.resolve("moved.git"));
        Files.createSymbolicLink(repo.resolve(".git"), dir.resolve("gone.git"));

        assertThatThrownBy(() -> GitRepository.find(repo)).isInstanceOf(PlanningException.class)
                .hasMessageContaining("is neither a directory nor a file");
    }

    @Test
    void aWorkTreeCheckedOutUnderAReplaceRefIsNotTheCommitsBytes() throws Exception {
        Path repo = committed("tasks: sealed\n");
        String blob = GitFixture.cli(repo, "rev-parse", "HEAD:plan.yaml");
        Files.writeString(dir.resolve("other.yaml"), "tasks: replaced\n", StandardCharsets.UTF_8);
        String replacement = GitFixture.cli(repo, "hash-object", "-w", dir.resolve("other.yaml").toString());
        GitFixture.cli(repo, "replace", blob, replacement);
        Files.delete(repo.resolve("plan.yaml"));
        GitFixture.cli(repo, "checkout", "--", "plan.yaml");
        assertThat(repo.resolve("plan.yaml")).as("git checks out the replacement").hasContent("tasks: replaced");

        try (GitRepository git = GitRepository.find(repo).orElseThrow()) {
            List<String> paths = List.of("plan.yaml");
            assertThat(git.uncommitted(paths).isEmpty() && git.notAsCommitted(paths).isEmpty())
                    .as("the replaced bytes pass for HEAD's").isFalse();
        }
    }

    @Test
    void aGraftsFileGivingHeadAnotherParentIsNotFollowed() throws Exception {
        Path repo = committed("tasks: []\n");
        String first = GitFixture.cli(repo, "rev-parse", "HEAD");
        GitFixture.cli(repo, "checkout", "-q", "--orphan", "other");
        GitFixture.cli(repo, "commit", "-q", "-m", "unrelated");
        String unrelated = GitFixture.cli(repo, "rev-parse", "HEAD");
        GitFixture.cli(repo, "checkout", "-q", "main");
        Files.writeString(repo.resolve("plan.yaml"), "tasks: [two]\n", StandardCharsets.UTF_8);
        GitFixture.cli(repo, "commit", "-q", "-am", "two");
        String head = GitFixture.cli(repo, "rev-parse", "HEAD");
        Files.createDirectories(repo.resolve(".git/info"));
        Files.writeString(repo.resolve(".git/info/grafts"), head + " " + unrelated + "\n", StandardCharsets.UTF_8);

        try (GitRepository git = GitRepository.find(repo).orElseThrow()) {
            assertThat(git.onFirstParentLine(unrelated::equals, "the grafted parent")).isEmpty();
            assertThat(git.onFirstParentLine(first::equals, "the real parent")).hasValue(first);
        }
    }

    @Test
    void aShallowFileCuttingTheLineShortMakesTheWalkFindLessNeverMore() throws Exception {
        Path repo = committed("tasks: []\n");
        String first = GitFixture.cli(repo, "rev-parse", "HEAD");
        Files.writeString(repo.resolve("plan.yaml"), "tasks: [two]\n", StandardCharsets.UTF_8);
        GitFixture.cli(repo, "commit", "-q", "-am", "two");
        String head = GitFixture.cli(repo, "rev-parse", "HEAD");
        Files.writeString(repo.resolve(".git/shallow"), head + "\n", StandardCharsets.UTF_8);

        try (GitRepository git = GitRepository.find(repo).orElseThrow()) {
            assertThat(git.shallow()).isTrue();
            assertThat(git.onFirstParentLine(first::equals, "the parent")).isEmpty();
        }
    }
}
