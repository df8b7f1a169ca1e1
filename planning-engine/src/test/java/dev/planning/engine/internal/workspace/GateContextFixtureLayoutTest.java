package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.gate.GateContext;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.ArtifactKind;
import dev.planning.testkit.gate.GateContextFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate fixture places files where the engine's default layout does, so tests of gates see real paths. */
class GateContextFixtureLayoutTest {

    private static final CycleRef CYCLE = new CycleRef("be", "PLN-BE-2024-01");

    @TempDir
    Path root;

    @Test
    void placesEveryKindWhereTheDefaultLayoutDoes() {
        LayoutFiles engine = new LayoutFiles(root, WorkspaceLayout.DEFAULT);
        GateContext fixture = GateContextFixture.builder(CYCLE).build();

        for (ArtifactKind kind : ArtifactKind.values()) {
            assertThat(fixture.files().path(CYCLE, kind)).as(kind.name()).isEqualTo(engine.path(CYCLE, kind));
        }
    }

    @Test
    void findsABacklogAndTheCyclesOfAStreamAsTheEngineDoes() throws Exception {
        String backlog = "frameworks/planning-be/tasks/PLN-BE-2024-01-be_backlog.yaml";
        String story = "frameworks/planning-be/storymaps/PLN-BE-2024-02-story_map.md";
        for (String path : new String[] {backlog, story}) {
            Files.createDirectories(root.resolve(path).getParent());
            Files.writeString(root.resolve(path), "x");
        }
        LayoutFiles engine = new LayoutFiles(root, WorkspaceLayout.DEFAULT);
        GateContext fixture = GateContextFixture.builder(CYCLE).file(backlog, "x").file(story, "x").build();

        assertThat(fixture.files().path(CYCLE, ArtifactKind.TASK_BREAKDOWN))
                .isEqualTo(engine.path(CYCLE, ArtifactKind.TASK_BREAKDOWN)).isEqualTo(backlog);
        assertThat(fixture.files().cycles("be")).isEqualTo(engine.cycles("be"));
    }
}
