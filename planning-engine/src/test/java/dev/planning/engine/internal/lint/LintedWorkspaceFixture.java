package dev.planning.engine.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.engine.fixtures.Plans;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up of a lint test over the example workspace: each test starts from a fresh copy of it, writes the
 * files it lints with {@link #write}, and linting them must write nothing (checked after each test).
 */
abstract class LintedWorkspaceFixture {

    @TempDir
    Path workspace;

    private List<Path> filesBefore;

    @BeforeEach
    void writeTheExampleWorkspace() {
        Plans.feWorkspace(workspace);
        filesBefore = Plans.filesUnder(workspace);
    }

    @AfterEach
    void lintingWritesNothing() {
        assertThat(Plans.filesUnder(workspace)).isEqualTo(filesBefore);
    }

    /** Writes {@code content} at {@code path} in the workspace (UTF-8), before the lint that must write nothing. */
    void write(String path, String content) {
        Plans.write(workspace, path, content);
        filesBefore = Plans.filesUnder(workspace);
    }
}
