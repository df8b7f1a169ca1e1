package dev.planning.engine.internal.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.Transition;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.SchemaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEvidenceWriterTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final Transition HANDOFF = Lifecycle.find(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF)
            .orElseThrow();
    private static final Instant AT = Instant.parse("2025-09-02T10:00:00Z");
    private static final String HASH = "ab".repeat(32);

    @TempDir
    Path workspace;


    private FileEvidenceWriter writer() {
        return new FileEvidenceWriter(workspace, WorkspaceLayout.DEFAULT);
    }

    private static GateResult failing() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("cycles", List.of("fe:FE-1 -> be:BE-1 -> fe:FE-1"));
        evidence.put("max_depth", 3);
        return GateResult.of("cross_stream_consistency", List.of(Finding.error("cross-stream.cycle", "a cycle",
                new SourceLocation("frameworks/planning-fe/tasks/x.yaml", 7, 9)).withTask("FE-1")), evidence);
    }

    @Test
    void writesOneSchemaValidJsonFileNamedForTimeTransitionAndGate() throws Exception {
        String path = writer().write(CYCLE, HANDOFF, failing(), AT, HASH).orElseThrow();

        assertThat(path).isEqualTo("frameworks/planning-fe/evidence/2025-09-02/"
                + "20250902T100000.000Z-PLANNED-READY_FOR_HANDOFF-cross_stream_consistency.json");
        byte[] content = Files.readAllBytes(workspace.resolve(path));
        assertThat(SchemaCatalog.standard().validate(YamlDocuments.parse(content, path), ArtifactSchema.GATE_EVIDENCE))
                .isEmpty();
        JsonNode json = new ObjectMapper().readTree(content);
        assertThat(json.path("status").asText()).isEqualTo("FAIL");
        assertThat(json.path("rulebook_hash").asText()).isEqualTo(HASH);
        assertThat(json.path("transition").path("name").asText()).isEqualTo(HANDOFF.name());
        assertThat(json.path("summary").path("error").asInt()).isEqualTo(1);
        assertThat(json.path("findings").get(0).path("line").asInt()).isEqualTo(7);
        assertThat(json.path("findings").get(0).path("task").asText()).isEqualTo("FE-1");
        assertThat(json.path("evidence").path("cycles").get(0).asText()).isEqualTo("fe:FE-1 -> be:BE-1 -> fe:FE-1");
    }

    @Test
    void neverOverwritesAnEarlierRunOfTheSameInstant() throws Exception {
        String first = writer().write(CYCLE, HANDOFF, failing(), AT, HASH).orElseThrow();
        byte[] before = Files.readAllBytes(workspace.resolve(first));

        String second = writer().write(CYCLE, HANDOFF, GateResult.of("cross_stream_consistency", List.of(), Map.of()),
                AT, HASH).orElseThrow();
        String third = writer().write(CYCLE, HANDOFF, failing(), AT, HASH).orElseThrow();

        assertThat(second).endsWith("-cross_stream_consistency-2.json");
        assertThat(third).endsWith("-cross_stream_consistency-3.json");
        assertThat(Files.readAllBytes(workspace.resolve(first))).isEqualTo(before);
    }
}
