package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Activity;
import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.Priority;
import dev.planning.api.artifact.ReleaseSlice;
import dev.planning.api.artifact.Story;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Tags;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskKind;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.artifact.TaskStatus;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.artifact.StoryMapReader;
import dev.planning.engine.internal.artifact.TaskBreakdownReader;
import dev.planning.engine.internal.json.JsonMappers;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The canonical JSON written field by field is the mapper's, byte for byte: the digests recorded in
 * decisions and evidence before {@link CanonicalInputs} existed keep comparing equal. Every record
 * is compared fully populated (so a component added to one fails here until it is written), empty,
 * and with hostile text, numbers and dates.
 */
class CanonicalInputsTest {

    private static final ObjectMapper MAPPER = JsonMappers.canonicalJson();
    private static final Path EXAMPLE = Path.of("..", "planning-examples", "workspaces", "fe-2025-09-02", "frameworks",
            "planning-fe").toAbsolutePath().normalize();
    private static final String HOSTILE = "quote \" backslash \\ slash / tab \t nl \n nul \u0000 esc \u001b del \u007f"
            + " ÄØ→ \u2028 \u2029 emoji \uD83D\uDE00 lone \uD800 end";

    @Test
    void writesAFullyPopulatedPlanAsTheMapperDoes() throws Exception {
        TaskBreakdown plan = new TaskBreakdown("1.0.0", "2025-09-02", "fe",
                Optional.of(OffsetDateTime.of(2025, 9, 1, 9, 0, 0, 0, ZoneOffset.UTC)),
                List.of(fullTask("FE-1", new BigDecimal("8")), fullTask("FE-2", new BigDecimal("1E+3")),
                        fullTask("FE-3", new BigDecimal("0.50")), fullTask("FE-4", new BigDecimal("-12345678901234567890.000001")),
                        bareTask()),
                "frameworks/planning-fe/tasks/plan.yaml");

        assertSameAsMapper(CanonicalInputs.of(plan), plan);
    }

    @Test
    void writesDateTimesAsTheMapperDoesWhateverTheirPrecisionAndOffset() throws Exception {
        for (OffsetDateTime time : List.of(OffsetDateTime.of(2025, 9, 1, 9, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2025, 9, 1, 9, 30, 15, 120_000_000, ZoneOffset.ofHoursMinutes(5, 30)),
                OffsetDateTime.of(2025, 12, 31, 23, 59, 59, 1, ZoneOffset.ofHoursMinutesSeconds(-3, -30, -15)),
                OffsetDateTime.of(12025, 1, 1, 0, 0, 0, 0, ZoneOffset.MAX),
                OffsetDateTime.of(-1, 1, 1, 0, 0, 0, 0, ZoneOffset.MIN))) {
            TaskBreakdown plan = new TaskBreakdown("1", "c", "s", Optional.of(time), List.of(), "p.yaml");
            assertSameAsMapper(CanonicalInputs.of(plan), plan);
        }
    }

    @Test
    void writesAnEmptyPlanAsTheMapperDoes() throws Exception {
        TaskBreakdown plan = new TaskBreakdown("1", "c", "s", Optional.empty(), List.of(), "p.yaml");

        assertSameAsMapper(CanonicalInputs.of(plan), plan);
    }

    @Test
    void writesAFullyPopulatedStoryMapAsTheMapperDoes() throws Exception {
        StoryMap map = storyMap();

        assertSameAsMapper(CanonicalInputs.of(map), map);
    }

    @Test
    void writesWaiversAsTheMapperDoes() throws Exception {
        List<Waiver> waivers = List.of(new Waiver("critical-approvals", "FE-12", HOSTILE, "lead", LocalDate.of(2025, 9, 30)),
                new Waiver("r", "be:BE-1", "far", "qa", LocalDate.of(10000, 1, 1)),
                new Waiver("r", "FE-1", "old", "qa", LocalDate.of(-5, 1, 1)));

        assertSameAsMapper(CanonicalInputs.ofWaivers(waivers), waivers);
        assertSameAsMapper(CanonicalInputs.ofWaivers(List.of()), List.of());
    }

    @Test
    void writesTheExamplePlanAndStoryMapAsTheMapperDoes() throws Exception {
        TaskBreakdown plan = new TaskBreakdownReader().read(EXAMPLE.resolve("tasks/2025-09-02-fe_task_breakdown.yaml"),
                "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml").orThrow();
        StoryMap map = new StoryMapReader().read(EXAMPLE.resolve("storymaps/2025-09-02-story_map.md"),
                "frameworks/planning-fe/storymaps/2025-09-02-story_map.md").orThrow();

        assertSameAsMapper(CanonicalInputs.of(plan), plan);
        assertSameAsMapper(CanonicalInputs.of(map), map);
    }

    @Test
    void storyMapDigestIsTheOneRecordedBeforeTheMapperWasBypassed() {
        // The digest of this story map as the mapper writes it (writesAFullyPopulatedStoryMapAsTheMapperDoes):
        // what InputDigests recorded before CanonicalInputs existed (commit f7fd5ad), but for HOSTILE's
        // unpaired surrogate, digested as its JSON escape since the fourth review of 2026-12-03 (it was
        // a '?' before, 8fa117ea...: InputDigestsTest); an input without one keeps its digest
        // (InputDigestsTest pins two).
        GovernanceInput input = GovernanceInput.builder(new CycleRef("fe", "2025-09-02"), LocalDate.of(2025, 9, 2))
                .tasks(bareTask())
                .storyMap(storyMap())
                .build();

        assertThat(InputDigests.of(input)).containsEntry("story_map", STORY_MAP_DIGEST);
    }

    private static final String STORY_MAP_DIGEST = "364b4c7798eaf143c17787db6fba6116767c6fd8b64569d2b99afae3a296f953";

    private static void assertSameAsMapper(String written, Object value) throws Exception {
        assertThat(written).isEqualTo(MAPPER.writeValueAsString(value));
    }

    private static Task fullTask(String id, BigDecimal effort) {
        Map<String, SourceLocation> locations = new LinkedHashMap<>();
        locations.put("title", new SourceLocation("plan.yaml", 9, 5));
        locations.put("Zeta", new SourceLocation("plan.yaml", 3, 1));
        locations.put("acceptance_criteria", new SourceLocation(HOSTILE, 0, 0));
        locations.put("é", new SourceLocation("plan.yaml", Integer.MAX_VALUE, Integer.MAX_VALUE));
        return Task.builder(id, HOSTILE)
                .kind(TaskKind.STORY)
                .parent("FE-0")
                .description(HOSTILE)
                .owner("alice")
                .tags(Tags.NONE.with("criticality", "0").with("compliance", HOSTILE).with("label-only")
                        .with(new Tag("Scope", Optional.of("Core"))))
                .priority(Priority.P1)
                .effort(effort)
                .status(TaskStatus.IN_PROGRESS)
                .dependencies(List.of(TaskRef.parse("FE-3"), TaskRef.parse("be:BE-1")))
                .acceptanceCriteria(HOSTILE, "second")
                .risk("high")
                .plannedIn("2025-09-02")
                .due(LocalDate.of(2025, 9, 30))
                .storyNodes(List.of("S-1", "S-2"))
                .artifacts(List.of("docs/a.md"))
                .origin("imported")
                .controls(Controls.builder().approvals("pm", HOSTILE).reviewBoard("cab").emergencyContact("ops")
                        .rollbackPlan("revert").auditTrail("log").changeFreezeChecked(true).dataHandlingNote("pii")
                        .build())
                .location(new SourceLocation("plan.yaml", 7, 9))
                .fieldLocations(locations)
                .build();
    }

    private static Task bareTask() {
        return Task.builder("FE-9", "Bare").build();
    }

    private static StoryMap storyMap() {
        Story located = new Story("S-1", HOSTILE, Optional.of("walking-skeleton"), new SourceLocation("map.md", 13, 14));
        Story unsliced = new Story("S-2", "Pay", Optional.empty(), new SourceLocation("map.md", 14, 14));
        return new StoryMap("1.0.0", "2025-09-02", "fe", "Checkout journey",
                List.of(new Activity("A-1", "Browse", List.of(located, unsliced)), new Activity("A-2", HOSTILE, List.of())),
                List.of(new ReleaseSlice("walking-skeleton", "Walking skeleton"), new ReleaseSlice("r1", HOSTILE)),
                "# Narrative\n\n" + HOSTILE, "frameworks/planning-fe/storymaps/map.md");
    }
}
