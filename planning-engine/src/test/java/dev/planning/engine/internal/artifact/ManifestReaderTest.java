package dev.planning.engine.internal.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.GateOutcome;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.governance.Waiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

    @TempDir
    Path workspace;

    static final HandoffManifest MANIFEST = new HandoffManifest("1.0", "fe-2025-09-02-0a1b2c3d", "2025-09-02", "fe",
            true, Instant.parse("2025-09-03T12:00:00Z"), "tester", Instant.parse("2025-09-03T12:00:00.250Z"),
            "a".repeat(40), false, "b".repeat(64), Optional.of("e".repeat(64)),
            List.of(new ArtifactChecksum("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml", "c".repeat(64), 10)),
            Map.of("governance", new GateOutcome(GateStatus.PASS,
                    Optional.of("frameworks/planning-fe/evidence/2025-09-02/governance.json"),
                    Instant.parse("2025-09-03T11:59:59.123456789Z"))),
            new GovernanceSummary(List.of("compliance:sox"), 0,
                    List.of(new Waiver("missing-owner", "FE-1", "yes: \"quoted\"\nline", "pm", LocalDate.of(2025, 12, 31))),
                    Optional.of("frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml")),
            Optional.of("fe-2025-08-19-00000000"), Optional.of("on: no"),
            List.of(new ManifestSignature("QA", "d".repeat(64), "Ed25519", "AAAA", Instant.parse("2025-09-04T08:00:00Z"))));

    @Test
    void readsBackWhatTheWriterRendersAndRendersItToTheSameBytes() {
        byte[] bytes = ManifestWriter.render(MANIFEST);

        ManifestReader.Read read = new ManifestReader(workspace).parse(bytes, "m.yaml");

        assertThat(read.manifest()).isEqualTo(MANIFEST);
        assertThat(ManifestWriter.render(read.manifest())).isEqualTo(bytes);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("cycle_id: \"2025-09-02\"", "bytes: 10",
                "notes: \"on: no\"");
    }

    @Test
    void refusesAnArtifactPathThatLeavesTheWorkspaceAtItsLine() {
        String yaml = new String(ManifestWriter.render(MANIFEST), StandardCharsets.UTF_8)
                .replace("\"frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml\"", "\"../../etc/passwd\"");

        // Line 17: format 1.1 records event_log_head above the artifacts.
        assertThatThrownBy(() -> new ManifestReader(workspace).parse(yaml.getBytes(StandardCharsets.UTF_8), "m.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'..' segment")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().toString())
                        .isEqualTo("m.yaml:17:11"));
    }

    @Test
    void refusesAbsoluteAndUnnormalizedPaths() {
        for (String path : List.of("/etc/passwd", "./frameworks/x.yaml", "frameworks//x.yaml")) {
            String yaml = new String(ManifestWriter.render(MANIFEST), StandardCharsets.UTF_8)
                    .replace("frameworks/planning-fe/evidence/2025-09-02/governance.json", path);
            assertThatThrownBy(() -> new ManifestReader(workspace).parse(yaml.getBytes(StandardCharsets.UTF_8), "m.yaml"))
                    .as(path).isInstanceOf(InvalidInputException.class).hasMessageContaining("path");
        }
    }

    @Test
    void refusesAManifestMissingARequiredFieldAtItsLine() {
        String yaml = new String(ManifestWriter.render(MANIFEST), StandardCharsets.UTF_8)
                .replace("rulebook_hash: \"" + "b".repeat(64) + "\"\n", "");

        assertThatThrownBy(() -> new ManifestReader(workspace).parse(yaml.getBytes(StandardCharsets.UTF_8), "m.yaml"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("rulebook_hash");
    }
}
