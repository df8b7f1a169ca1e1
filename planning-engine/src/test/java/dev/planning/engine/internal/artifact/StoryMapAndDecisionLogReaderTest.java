package dev.planning.engine.internal.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.DocumentException;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.gate.Finding;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
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

    /**
     * Found by the sixteenth review: the gates read a decision log's waivers whatever cycle and stream its
     * header names, so under a profile that runs governance without {@code schema_lint} (which reports
     * the mismatch) another cycle's waiver, copied to this cycle's path, waived this cycle's violation.
     */
    @Test
    void aDecisionLogWhoseHeaderNamesAnotherCycleOrStreamWaivesNothingForThisOne() {
        CycleRef cycle = new CycleRef("fe", "2025-09-02");
        Path own = Plans.write(workspace, Plans.DECISIONS_PATH, Plans.FE_DECISIONS);
        Path other = Plans.write(workspace, "o.yaml", Plans.FE_DECISIONS.replace("cycle_id: \"2025-09-02\"",
                "cycle_id: \"2025-10-01\"").replace("stream: fe", "stream: be"));

        ReadResult<List<Waiver>> read = new DecisionLogReader().readFor(other, "o.yaml", cycle);

        assertThat(new DecisionLogReader().readFor(own, Plans.DECISIONS_PATH, cycle).model().orElseThrow())
                .hasSize(1);
        assertThat(read.model()).isEmpty();
        assertThat(read.findings()).extracting(Finding::message).satisfiesExactly(
                m -> assertThat(m).startsWith("`cycle_id` is \"2025-10-01\" but the decision log belongs to cycle 2025-09-02"),
                m -> assertThat(m).startsWith("`stream` is \"be\" but the decision log lies in the directory of stream fe"));
        assertThat(read.findings()).allSatisfy(f -> assertThat(f.location()).isPresent());
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
