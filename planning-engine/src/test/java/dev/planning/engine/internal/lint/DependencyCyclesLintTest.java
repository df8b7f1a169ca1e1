package dev.planning.engine.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.engine.fixtures.Plans;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lint reports a dependency cycle within a stream's plan, as cross_stream_consistency would. */
class DependencyCyclesLintTest {

    @TempDir
    Path workspace;

    private List<Finding> cycles(String tasks) {
        Plans.feWorkspace(workspace);
        Plans.write(workspace, Plans.TASKS_PATH, tasks);
        return WorkspaceLinter.withDefaultLayout().lint(workspace, Optional.empty(), Optional.empty()).findings()
                .stream().filter(f -> f.code().equals(LintCodes.REF_CYCLE)).toList();
    }

    @Test
    void reportsOneCycleOnceAtItsFirstTaskShowingThePath() {
        List<Finding> found = cycles(Plans.FE_TASKS.replace("""
                    title: Checkout redesign
                """, """
                    title: Checkout redesign
                    dependencies: [FE-12]
                """).replace("dependencies: [FE-1, \"be:PLN-BE-001\"]", "dependencies: [FE-1, \"fe:FE-1\"]"));

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo(
                    "task FE-1: dependencies form a cycle: FE-1 -> FE-12 -> FE-1; no task of it can start first");
            assertThat(f.location()).contains(new SourceLocation(Plans.TASKS_PATH, 6, 9));
            assertThat(f.taskId()).contains("FE-1");
        });
    }

    @Test
    void aPlanWithoutCyclesHasNone() {
        assertThat(cycles(Plans.FE_TASKS)).isEmpty();
    }
}
