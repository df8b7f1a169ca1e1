package dev.planning.engine.internal.report;

import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import dev.planning.engine.fixtures.Golden;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pins the exact bytes of SARIF logs: one with every kind of result, one without results. */
class SarifBytesTest {

    @Test
    void sarifLogsKeepTheirBytes() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("approvals", "1");
        facts.put("needed", "2 — ü");
        List<Finding> findings = List.of(
                Finding.error("cross-stream.cycle", "cycle: fe:FE-14 -> be:BE-24 -> fe:FE-14",
                        new SourceLocation("tasks/x.yaml", 59, 9)).withTask("FE-14"),
                new Finding("parity.story-not-delivered", Severity.WARNING, "story S-1 has no item done (12 of 13)",
                        Optional.of(new SourceLocation("storymaps/x ü.md", 12, 0)), Optional.empty()),
                new Finding("coverage.missing", Severity.INFO, "no report", Optional.of(SourceLocation.ofFile("outcomes")),
                        Optional.empty()),
                new Finding("gate.crashed", Severity.ERROR, "gate x crashed", Optional.empty(), Optional.empty()),
                new Finding("governance.critical-approvals", Severity.ERROR, "FE-12 violates: \"too few\" <b>",
                        Optional.of(new SourceLocation("", 3, 4)), Optional.of("FE-12"), facts,
                        Optional.of("Collect [the] *missing* approvals")),
                Finding.warning("cross-stream.cycle", "another cycle", new SourceLocation("tasks/x.yaml", 0, 5)),
                Finding.info("coverage.missing", "again"));
        Map<String, String> actual = new LinkedHashMap<>();
        actual.put("sarif/full.sarif.json", Sarif.builder("planning", "0.1.0")
                .uri(path -> "examples/ws/" + path)
                .fallbackFile("tasks/x.yaml")
                .category("gate/fe/2025-09-02")
                .add(findings.subList(0, 4), "cross_stream_consistency")
                .add(findings.subList(4, findings.size()), "governance")
                .render());
        actual.put("sarif/empty.sarif.json", Sarif.builder("planning", "").render());
        actual.put("sarif/category-slash.sarif.json", Sarif.builder("p", "1").category("lint/").render());
        Golden.assertMatches(actual);
    }
}
