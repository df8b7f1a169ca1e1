package dev.planning.engine.internal.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.engine.fixtures.Plans;
import dev.planning.engine.internal.artifact.StoryMapReader;
import dev.planning.engine.internal.artifact.TaskBreakdownReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCacheTest {

    private static final String PLAN = """
            version: "1.0.0"
            cycle_id: "2026-01-05"
            stream: fe
            tasks:
              - id: FE-1
                title: %s
            """;

    @TempDir
    Path temp;

    private final PlanCache<TaskBreakdown> cache = PlanCache.taskBreakdowns(new TaskBreakdownReader());

    @Test
    void reusesThePlanWhileTheBytesAreUnchanged() throws IOException {
        Path file = write("Alpha");

        TaskBreakdown first = cache.read(file, "plan.yaml").orElseThrow();

        assertThat(cache.read(file, "plan.yaml")).containsSame(first);
    }

    @Test
    void seesAnEditOfTheSameSizeAtOnce() throws IOException {
        Path file = write("Alpha");
        cache.read(file, "plan.yaml").orElseThrow();

        write("Omega");

        assertThat(cache.read(file, "plan.yaml")).map(p -> p.tasks().get(0).title()).contains("Omega");
    }

    @Test
    void anInvalidPlanGivesNoModelAndAFixedOneIsReadAgain() throws IOException {
        Path file = temp.resolve("plan.yaml");
        Files.writeString(file, "version: [unclosed");
        assertThat(cache.read(file, "plan.yaml")).isEmpty();

        write("Fixed");

        assertThat(cache.read(file, "plan.yaml")).map(p -> p.tasks().get(0).title()).contains("Fixed");
    }

    @Test
    void aMissingFileGivesNoModel() {
        assertThat(cache.read(temp.resolve("absent.yaml"), "absent.yaml")).isEqualTo(Optional.empty());
    }

    @Test
    void reusesAStoryMapUntilItsBytesChange() throws IOException {
        PlanCache<StoryMap> maps = PlanCache.storyMaps(new StoryMapReader());
        Path file = temp.resolve("map.md");
        Files.writeString(file, Plans.FE_STORY_MAP);
        StoryMap first = maps.read(file, "map.md").orElseThrow();
        assertThat(maps.read(file, "map.md")).containsSame(first);

        Files.writeString(file, "no front matter");

        assertThat(maps.read(file, "map.md")).isEmpty();
    }

    private Path write(String title) throws IOException {
        Path file = temp.resolve("plan.yaml");
        Files.writeString(file, PLAN.formatted(title));
        return file;
    }
}
