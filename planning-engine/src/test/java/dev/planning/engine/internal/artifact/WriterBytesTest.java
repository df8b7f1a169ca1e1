package dev.planning.engine.internal.artifact;

import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Activity;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.GateOutcome;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
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
import dev.planning.api.gate.GateStatus;
import dev.planning.api.governance.Waiver;
import dev.planning.engine.fixtures.Golden;
import dev.planning.engine.internal.signing.CanonicalForm;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact bytes the artifact writers produce: the handoff manifest (whose hash every
 * signature covers) and its canonical signing input, the task breakdown and the story map.
 */
class WriterBytesTest {

    private static final Instant AT = Instant.parse("2025-09-02T10:00:00Z");

    @Test
    void aManifestWithEveryFieldKeepsItsBytesAndSigningInput() {
        Map<String, GateOutcome> gates = new LinkedHashMap<>();
        gates.put("schema_lint", new GateOutcome(GateStatus.PASS, Optional.of("evidence/ä lint.json"), AT));
        gates.put("governance", new GateOutcome(GateStatus.WARN, Optional.empty(), AT.plusNanos(123_000_000)));
        HandoffManifest manifest = new HandoffManifest("1.0.0", "m-2025-09-02-fe", "2025-09-02", "fe", true, AT,
                "alice ü", AT.plusSeconds(60), "0123456789abcdef0123456789abcdef01234567", false, "sha256:" + "ab".repeat(32),
                Optional.of("cd".repeat(32)),
                List.of(new ArtifactChecksum("plan/tasks.yaml", "ef".repeat(32), 12345L),
                        new ArtifactChecksum("plan/story map.md", "01".repeat(32), 0L),
                        new ArtifactChecksum("plan/big.bin", "02".repeat(32), 5_000_000_000L)),
                gates,
                new GovernanceSummary(List.of("Risk:Low", "criticality:0"), 2,
                        List.of(new Waiver("missing-owner", "FE-1", "yes: \"quoted\"\nline — ü", "pm", LocalDate.of(2025, 12, 31))),
                        Optional.of("decisions.yaml")),
                Optional.of("m-2025-08-19-fe"), Optional.of("no"),
                List.of(new ManifestSignature("lead", "k-1", "ed25519", "c2ln", AT.plusSeconds(120)),
                        new ManifestSignature("qa", "k-2", "ecdsa-p256-sha256", "c2lnMg==", AT.plusNanos(5))));
        pinManifest("full", manifest);
    }

    @Test
    void aManifestWithNoOptionalFieldKeepsItsBytesAndSigningInput() {
        HandoffManifest manifest = new HandoffManifest("1.0.0", "m", "2025-09-02", "fe", false, AT, "", AT, "rev", true,
                "", Optional.empty(), List.of(), Map.of(), new GovernanceSummary(List.of(), 0, List.of(), Optional.empty()),
                Optional.empty(), Optional.empty(), List.of());
        pinManifest("empty", manifest);
    }

    private static void pinManifest(String name, HandoffManifest manifest) {
        Map<String, String> actual = new LinkedHashMap<>();
        actual.put("manifest/" + name + ".yaml", new String(ManifestWriter.render(manifest), StandardCharsets.UTF_8));
        actual.put("manifest/" + name + "-signing-input.json", new String(CanonicalForm.signingInput(manifest, "lead",
                "k-1", "ed25519", AT), StandardCharsets.UTF_8) + "\n");
        actual.put("manifest/" + name + "-tree.json", ManifestWriter.toJson(manifest, true).toPrettyString() + "\n");
        Golden.assertMatches(actual);
    }

    @Test
    void aTaskBreakdownKeepsItsBytes() {
        Task epic = Task.builder("FE-1", "Checkout: redesign").kind(TaskKind.EPIC).owner("alice")
                .tags(new Tags(List.of(Tag.parse("Risk:Low"), Tag.parse("Release")))).build();
        Task task = Task.builder("FE-12", "yes").parent("FE-1").owner("bob ü").priority(Priority.P0)
                .effort(new BigDecimal("2.50")).status(TaskStatus.BLOCKED)
                .tags(new Tags(List.of(new Tag("criticality", Optional.of("0")))))
                .dependencies(List.of(TaskRef.parse("FE-1"), TaskRef.parse("be:PLN-BE-001")))
                .acceptanceCriteria(List.of("true", "123", "null", "— ü"))
                .due(LocalDate.of(2025, 9, 12)).storyNodes(List.of("S-1")).artifacts(List.of("src/a.ts"))
                .description("line one\nline two").origin("digest 2025-08-26").risk("high").plannedIn("sprint 3")
                .controls(new Controls(List.of("a", "b", "c"), Optional.of("ARB-7"), Optional.of("carol"),
                        Optional.of("feature flag"), Optional.of("enhanced"), true, Optional.of("PII: none")))
                .build();
        Task bare = Task.builder("FE-13", "bare").effort(3).build();
        Task controlsOff = Task.builder("FE-14", "no controls").status(TaskStatus.DONE)
                .controls(new Controls(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        false, Optional.empty())).build();
        Map<String, String> actual = new LinkedHashMap<>();
        actual.put("artifact/task-breakdown.yaml", TaskBreakdownWriter.toYaml(new TaskBreakdown("1.0.0", "2025-09-02",
                "fe", Optional.of(OffsetDateTime.parse("2025-09-01T09:00+02:00")), List.of(epic, task, bare, controlsOff),
                "x")));
        actual.put("artifact/task-breakdown-empty.yaml", TaskBreakdownWriter.toYaml(new TaskBreakdown("1.0.0",
                "2025-09-02", "fe", Optional.empty(), List.of(), "x")));
        Golden.assertMatches(actual);
    }

    @Test
    void aStoryMapKeepsItsBytes() {
        StoryMap map = new StoryMap("1.0.0", "2025-09-02", "fe", "Checkout journey — ü",
                List.of(new Activity("A-1", "Browse", List.of(new Story("S-1", "See: the catalogue",
                                Optional.of("walking-skeleton"), SourceLocation.ofFile("x")),
                        new Story("S-2", "No slice", Optional.empty(), SourceLocation.ofFile("x")))),
                        new Activity("A-2", "Empty", List.of())),
                List.of(new ReleaseSlice("walking-skeleton", "Walking skeleton")), "# Narrative\n\nText.\n", "x");
        StoryMap bare = new StoryMap("1.0.0", "2025-09-02", "fe", "", List.of(), List.of(), "", "x");
        Map<String, String> actual = new LinkedHashMap<>();
        actual.put("artifact/story-map.md", StoryMapWriter.toMarkdown(map));
        actual.put("artifact/story-map-empty.md", StoryMapWriter.toMarkdown(bare));
        Golden.assertMatches(actual);
    }
}
