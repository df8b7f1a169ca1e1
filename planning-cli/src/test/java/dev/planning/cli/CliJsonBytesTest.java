package dev.planning.cli;

import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.report.internal.Reports;
import dev.planning.report.internal.SealReports;
import dev.planning.rules.internal.report.RuleTestReports;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pins the bytes of representative {@code --format json} documents: every way the CLI's records
 * are written (snake_case names, fields left out when null or empty, nulls kept, integers, longs,
 * decimals, nested lists and maps, non-ASCII and escaped text).
 */
class CliJsonBytesTest {

    private static final List<Finding> FINDINGS = findings();

    private static List<Finding> findings() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("approvals", "1");
        facts.put("needed", "2 ü");
        return List.of(
                Finding.error("schema.required", "missing \"owner\" — ü", new SourceLocation("tasks/x.yaml", 7, 9))
                        .withTask("FE-1"),
                Finding.warning("w", "no location"),
                new Finding("i", Severity.INFO, "facts", Optional.of(SourceLocation.ofFile("f")), Optional.empty(),
                        facts, Optional.of("a hint")));
    }

    @Test
    void lintAndGateDocumentsKeepTheirBytes() {
        CliGolden.assertMatches("cli/lint.json", CliGolden.printed(Reports.lint(
                new LintReport(List.of("tasks/x.yaml", "story map.md"), FINDINGS))));
        CliGolden.assertMatches("cli/lint-empty.json", CliGolden.printed(Reports.lint(
                new LintReport(List.of(), List.of()))));
        CliGolden.assertMatches("cli/gates.json", CliGolden.printed(Reports.gates(new CycleRef("fe", "2025-09-02"),
                CycleState.READY_FOR_HANDOFF, List.of(GateResult.of("schema_lint", FINDINGS, Map.of()),
                        GateResult.of("governance", List.of(), Map.of())))));
    }

    @Test
    void sealAndVerifyDocumentsKeepTheirBytes() {
        CliGolden.assertMatches("cli/seal.json", CliGolden.printed(new SealReports.SealJson("fe/2025-09-02", true,
                "handoff/m.yaml", "m-1", "abc", false, "sha256:x", List.of(new SealReports.ArtifactJson("a ü.yaml",
                        "ab".repeat(32), 5_000_000_000L)), null, null, null)));
        CliGolden.assertMatches("cli/seal-refused.json", CliGolden.printed(new SealReports.SealJson("fe/2025-09-02",
                false, null, null, null, null, null, null, false, "PACKAGED",
                List.of(new SealReports.GateJson("governance", "FAIL", List.of("FE-1 violates x"))))));
        CliGolden.assertMatches("cli/verify.json", CliGolden.printed(new SealReports.VerificationJson("m.yaml", null,
                false, 3, List.of(new SealReports.SignatureJson("QA", "k-1", "ed25519")), List.of("a", "b"),
                List.of(new SealReports.DiscrepancyJson("CHECKSUM_MISMATCH", "a.yaml", "ab", null, "changed \"x\"")),
                List.of(), List.of())));
    }

    @Test
    void ruleTestDocumentsKeepTheirBytes() {
        Map<String, Integer> fired = new LinkedHashMap<>();
        fired.put("critical-zero", 2);
        fired.put("missing-owner", 0);
        CliGolden.assertMatches("cli/rules-test.json", CliGolden.printed(new RuleTestReports.RuleTestsJson("rulebook",
                "sha256:x", false, new RuleTestReports.TestsJson(2, 1L, 1L),
                new RuleTestReports.CoverageJson(66.7, null, List.of("a", "b", "c"), List.of("c")),
                List.of(new RuleTestReports.CaseJson("c1", "tests/a.yaml", 3, "a case", false,
                        List.of(new RuleTestReports.PairJson("a", "FE-1", null)),
                        List.of(new RuleTestReports.PairJson("b", "FE-2", "b fired")), null, fired)))));
        CliGolden.assertMatches("cli/rules-coverage.json", CliGolden.printed(
                new RuleTestReports.CoverageJson(100.0, 80.5, List.of(), List.of())));
    }
}
