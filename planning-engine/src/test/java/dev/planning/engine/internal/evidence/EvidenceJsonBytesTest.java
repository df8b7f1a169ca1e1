package dev.planning.engine.internal.evidence;

import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.Transition;
import dev.planning.engine.fixtures.Golden;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Pins the exact bytes of evidence files, which verification hashes. */
class EvidenceJsonBytesTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final Transition HANDOFF = Lifecycle.find(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF)
            .orElseThrow();

    @Test
    void evidenceFilesKeepTheirBytes() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("cycles", List.of("fe:FE-1 -> be:BE-1 -> fe:FE-1"));
        evidence.put("max_depth", 3);
        evidence.put("ratio", 0.5);
        evidence.put("big", 12345678901L);
        evidence.put("flag", true);
        evidence.put("nothing", null);
        Map<String, Object> nested = new TreeMap<>();
        nested.put("z", "last");
        nested.put("a", List.of());
        evidence.put("nested", nested);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("approvals", "1");
        List<Finding> findings = List.of(
                Finding.error("cross-stream.cycle", "a cycle — ü \"quoted\"", new SourceLocation("tasks/x.yaml", 7, 9))
                        .withTask("FE-1"),
                Finding.warning("w", "no location"),
                new Finding("i", Severity.INFO, "facts", Optional.of(SourceLocation.ofFile("f")), Optional.empty(), facts,
                        Optional.of("hint")));
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("tasks/x.yaml", "ab".repeat(32));
        inputs.put("a ü.md", "cd".repeat(32));
        Map<String, String> actual = new LinkedHashMap<>();
        actual.put("evidence/full.json", new String(EvidenceJson.bytes(EvidenceJson.of(CYCLE, HANDOFF,
                GateResult.of("cross_stream_consistency", findings, evidence), Instant.parse("2025-09-02T10:00:00.120Z"),
                "sha256:x", inputs)), StandardCharsets.UTF_8));
        actual.put("evidence/empty.json", new String(EvidenceJson.bytes(EvidenceJson.of(CYCLE, HANDOFF,
                GateResult.of("schema_lint", List.of(), Map.of()), Instant.parse("2025-09-02T10:00:00Z"), "")),
                StandardCharsets.UTF_8));
        Golden.assertMatches(actual);
    }
}
