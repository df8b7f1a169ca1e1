package dev.planning.engine.internal.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * attack33 made {@code status} and the report read one cycle's manifest versions after another
 * ({@link GitRepository#versionsInHistory}): the history of one {@code HEAD} is walked once for the process and
 * kept, and a {@code HEAD} that moved is walked again, so a version committed since is seen. Isolated: it counts
 * the process's walks, which other classes' tests make too.
 */
@Isolated("counts the history walks of the process")
class KeptHistoryTest extends ObjectRepositoryFixture {

    @Test
    void aHistoryIsWalkedOnceForItsHeadAndAgainOnceHeadMovedSoNoCommitIsHidden() throws Exception {
        ObjectId first = commit("v1", "1");
        ObjectId head = commit("v2", "2", first);
        long before = GitRepository.historyWalks();
        try (GitRepository git = atHead(head)) {
            assertThat(git.versionsInHistory("m/a.yaml", "it")).hasSize(2);
            assertThat(git.versionsInHistory("x", "it")).hasSize(2);
        }
        try (GitRepository again = GitRepository.find(dir).orElseThrow()) {
            assertThat(again.versionsInHistory("m/b.yaml", "it")).isEmpty();
        }
        assertThat(GitRepository.historyWalks() - before).as("one walk for one HEAD").isEqualTo(1);

        ObjectId moved = commit("v3", "3", head);
        try (GitRepository git = atHead(moved)) {
            assertThat(git.versionsInHistory("m/a.yaml", "it")).hasSize(3).containsValue(moved.name());
        }
        assertThat(GitRepository.historyWalks() - before).as("HEAD moved: walked again").isEqualTo(2);
    }

    @Test
    void whatAKeptHistoryResolvedIsWeighedAgainstTheBoundNotOnlyItsCommits() throws Exception {
        ObjectId first = commit("v1", "1");
        ObjectId head = commit("v2", "2", first);
        long before = GitRepository.keptWeight();
        try (GitRepository git = atHead(head)) {
            git.versionsInHistory("x", "it");
            assertThat(GitRepository.keptWeight() - before).as("two commits and x's entry in each").isEqualTo(4);
            git.versionsInHistory("m/a.yaml", "it");
            assertThat(GitRepository.keptWeight() - before)
                    .as("and m's entry in each, and a.yaml below each of m's two trees").isEqualTo(8);
        }
    }

    /** A commit of a tree holding {@code m/a.yaml} with {@code text} and {@code x} with {@code other}. */
    private ObjectId commit(String text, String other, ObjectId... parents) throws Exception {
        TreeFormatter m = new TreeFormatter();
        m.append("a.yaml", FileMode.REGULAR_FILE, repository.insert(Constants.OBJ_BLOB,
                text.getBytes(StandardCharsets.UTF_8)));
        TreeFormatter root = new TreeFormatter();
        root.append("m", FileMode.TREE, repository.insert(m));
        root.append("x", FileMode.REGULAR_FILE, repository.insert(Constants.OBJ_BLOB, other.getBytes(StandardCharsets.UTF_8)));
        return repository.commit(repository.insert(root), 2025, other + "\n", parents);
    }
}
