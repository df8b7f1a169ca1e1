package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.fixtures.Plans;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceScannerTest {

    @Test
    void findsStreamsAndCyclesFromPlanningFiles(@TempDir Path workspace) throws Exception {
        Plans.feWorkspace(workspace);
        Plans.write(workspace, "frameworks/planning-be/tasks/PLN-BE-2024-01-be_backlog.yaml", "x");
        Plans.write(workspace, "frameworks/planning-be/storymaps/PLN-BE-2024-02-story_map.md", "x");
        Plans.write(workspace, "frameworks/planning-be/tasks/notes.txt", "x");
        Files.createDirectories(workspace.resolve("frameworks/planning-Bad_Name"));
        Files.createDirectories(workspace.resolve("frameworks/other"));

        WorkspaceScanner scanner = new WorkspaceScanner(workspace, WorkspaceLayout.DEFAULT);

        assertThat(scanner.streams()).containsExactly("be", "fe");
        assertThat(scanner.cycles("fe")).containsExactly(new CycleRef("fe", "2025-09-02"));
        assertThat(scanner.cycles()).containsExactly(new CycleRef("be", "PLN-BE-2024-01"),
                new CycleRef("be", "PLN-BE-2024-02"), new CycleRef("fe", "2025-09-02"));
    }

    @Test
    void findsNothingInAnEmptyWorkspace(@TempDir Path workspace) {
        assertThat(new WorkspaceScanner(workspace, WorkspaceLayout.DEFAULT).cycles()).isEmpty();
    }

    @Test
    void layoutNamesTheCycleOfEachKindOfPlanningFile() {
        WorkspaceLayout layout = WorkspaceLayout.DEFAULT;

        assertThat(layout.cycleIdOf("fe", Plans.TASKS_PATH)).contains("2025-09-02");
        assertThat(layout.cycleIdOf("fe", Plans.STORY_MAP_PATH)).contains("2025-09-02");
        assertThat(layout.cycleIdOf("fe", Plans.DECISIONS_PATH)).contains("2025-09-02");
        assertThat(layout.cycleIdOf("fe", "frameworks/planning-fe/tasks/2025-09-02-be_task_breakdown.yaml")).isEmpty();
        assertThat(layout.cycleIdOf("fe", "frameworks/planning-fe/tasks/.hidden-fe_task_breakdown.yaml")).isEmpty();
    }
}
