package dev.planning.engine.internal.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.gate.Finding;
import dev.planning.api.governance.Waiver;
import dev.planning.api.DocumentException;
import dev.planning.engine.fixtures.Plans;
import dev.planning.engine.internal.schema.SchemaCatalog;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoryMapAndDecisionLogReaderTest {

    @TempDir
    Path workspace;

    @Test
    void readsAStoryMapWithLocatedStoriesAndItsNarrative() {
        Path file = Plans.write(workspace, Plans.STORY_MAP_PATH, Plans.FE_STORY_MAP);

        StoryMap map = new StoryMapReader().read(file, Plans.STORY_MAP_PATH).model().orElseThrow();

        assertThat(map.title()).isEqualTo("Checkout journey");
        assertThat(map.slices()).extracting(s -> s.id()).containsExactly("walking-skeleton", "release-1");
        assertThat(map.stories()).singleElement().satisfies(story -> {
            assertThat(story.id()).isEqualTo("S-BROWSE-1");
            assertThat(story.slice()).contains("walking-skeleton");
            assertThat(story.location()).isEqualTo(new SourceLocation(Plans.STORY_MAP_PATH, 13, 14));
        });
        assertThat(map.narrative()).startsWith("# Checkout journey");
    }

    @Test
    void reportsAStoryMapWithoutFrontMatter() {
        Path file = Plans.write(workspace, "m.md", "# Just a title\n");

        List<Finding> findings = new StoryMapReader().read(file, "m.md").findings();

        assertThat(findings).extracting(Finding::code).containsExactly(DocumentException.FRONT_MATTER);
    }

    @Test
    void readsTheWaiversOfADecisionLog() {
        Path file = Plans.write(workspace, Plans.DECISIONS_PATH, Plans.FE_DECISIONS);

        List<Waiver> waivers = new DecisionLogReader().read(file, Plans.DECISIONS_PATH).model().orElseThrow();

        assertThat(waivers).containsExactly(new Waiver("critical-zero-approvals", "FE-12",
                "Second approver on leave", "carol", LocalDate.of(2025, 9, 30)));
    }

    @Test
    void reportsAWaiverWithoutExpiry() {
        Path file = Plans.write(workspace, "d.yaml", Plans.FE_DECISIONS.replace("    expires: 2025-09-30\n", ""));

        List<Finding> findings = new DecisionLogReader().read(file, "d.yaml").findings();

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(SchemaCatalog.REQUIRED);
            assertThat(f.message()).isEqualTo("waiver for FE-12: `expires` is required");
        });
    }
}
