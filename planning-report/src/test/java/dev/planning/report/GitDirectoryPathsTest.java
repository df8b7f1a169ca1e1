package dev.planning.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The report neither reads nor shows a file of a git directory that a finding or an evidence path
 * names (sixth review: a CI checkout keeps its token in {@code .git/config}).
 */
class GitDirectoryPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {".git/config", ".GIT/config", "./.git/config", "a/.git/HEAD", ".git", "a\\.Git\\config",
            "frameworks/../.git/config"})
    void aPathIntoAGitDirectoryIsRecognisedInAnyCaseAndSeparator(String path) {
        assertThat(WorkspaceReader.inGitDirectory(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"frameworks/planning-fe/tasks/plan.yaml", ".gitignore", ".gitattributes", "a/git/config",
            "x.git/config"})
    void otherPathsAreShown(String path) {
        assertThat(WorkspaceReader.inGitDirectory(path)).isFalse();
    }
}
