package dev.planning.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every spelling of one workspace file names one source page ({@link Pages#sourcePath}): {@code .}
 * and {@code ..} segments are folded on the parsed path, as are empty ones; a path that leaves the
 * workspace, or names its root, gets no page at all.
 */
class SourcePathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a/P", "./a/P", "a//P/", "/a/P", "a/../a/../a/P", "a/./b/../P", "x/../a/P",
        "x/y/../../a/./P", "a/P/x/.."})
    void spellingsOfOnePathFoldToItAndShareItsPage(String spelling) {
        assertThat(Pages.sourcePath(spelling)).hasValue("a/P");
        assertThat(Pages.sourcePage(Pages.sourcePath(spelling).orElseThrow())).isEqualTo(Pages.sourcePage("a/P"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../P", "a/../../P", "./../a/P", "..", "a/..", ".", "/", "x/y/../../..", "a/\u0000P"})
    void aPathThatLeavesTheWorkspaceOrNamesItsRootHasNoPage(String path) {
        assertThat(Pages.sourcePath(path)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/..b/P", "a/...", "a/b..", ".hidden/P"})
    void dotsThatAreNotWholeSegmentsAreKept(String path) {
        assertThat(Pages.sourcePath(path)).hasValue(path);
    }
}
