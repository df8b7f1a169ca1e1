package dev.planning.engine.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SarifTest {

    private static final String PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";

    private static List<Finding> findings() {
        return List.of(
                Finding.error("cross-stream.cycle", "cycle: fe:FE-14 -> be:BE-24 -> fe:FE-14",
                        new SourceLocation(PLAN, 59, 9)).withTask("FE-14"),
                new Finding("parity.story-not-delivered", Severity.WARNING, "story S-1 has no item done",
                        Optional.of(new SourceLocation("frameworks/planning-fe/storymaps/x.md", 12, 0)), Optional.empty()),
                new Finding("coverage.missing", Severity.INFO, "no report", Optional.of(SourceLocation.ofFile(
                        "frameworks/planning-fe/outcomes/2025-09-02")), Optional.empty()),
                new Finding("gate.crashed", Severity.ERROR, "gate x crashed", Optional.empty(), Optional.empty()),
                Finding.error("cross-stream.cycle", "another cycle", new SourceLocation(PLAN, 70, 9)));
    }

    private static ObjectNode log() {
        return Sarif.builder("planning", "0.1.0")
                .uri(path -> "examples/ws/" + path)
                .fallbackFile(PLAN)
                .category("gate/fe/2025-09-02")
                .add(findings(), "cross_stream_consistency")
                .build();
    }

    @Test
    void theLogIsValidAgainstTheOfficialSarif210Schema() {
        assertThat(SarifSchema.validate(log())).isEmpty();
        assertThat(SarifSchema.validate(Sarif.builder("planning", "0.1.0").build())).isEmpty();
    }

    @Test
    void theSchemaCheckRejectsAnInvalidLog() {
        ObjectNode broken = log();
        ((ObjectNode) broken.path("runs").get(0).path("results").get(0)).put("level", "fatal");
        ((ObjectNode) broken.path("runs").get(0).path("results").get(1).path("locations").get(0)
                .path("physicalLocation").path("region")).put("startLine", 0);

        assertThat(SarifSchema.validate(broken)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void eachFindingCodeIsOneRuleWithADescription() {
        JsonNode rules = log().path("runs").get(0).path("tool").path("driver").path("rules");

        assertThat(rules).extracting(r -> r.path("id").asText())
                .containsExactly("cross-stream.cycle", "parity.story-not-delivered", "coverage.missing", "gate.crashed");
        assertThat(rules.get(0).path("shortDescription").path("text").asText())
                .isEqualTo(RuleCatalog.describe("cross-stream.cycle")).contains("cycle");
    }

    @Test
    void resultsCarryRuleLevelUriAndRegion() {
        JsonNode results = log().path("runs").get(0).path("results");

        JsonNode first = results.get(0);
        assertThat(first.path("ruleId").asText()).isEqualTo("cross-stream.cycle");
        assertThat(first.path("ruleIndex").asInt()).isZero();
        assertThat(first.path("level").asText()).isEqualTo("error");
        JsonNode location = first.path("locations").get(0).path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uri").asText()).isEqualTo("examples/ws/" + PLAN);
        assertThat(location.path("region").path("startLine").asInt()).isEqualTo(59);
        assertThat(location.path("region").path("startColumn").asInt()).isEqualTo(9);
        assertThat(first.path("properties").path("task").asText()).isEqualTo("FE-14");

        assertThat(results.get(1).path("level").asText()).isEqualTo("warning");
        assertThat(results.get(1).path("locations").get(0).path("physicalLocation").path("region").path("startLine")
                .asInt()).isEqualTo(12);
        assertThat(results.get(2).path("level").asText()).isEqualTo("note");
        assertThat(results.get(3).path("locations").get(0).path("physicalLocation").path("artifactLocation")
                .path("uri").asText()).isEqualTo("examples/ws/" + PLAN);
        assertThat(results.get(4).path("ruleIndex").asInt()).isZero();
    }

    @Test
    void everyResultHasARegionCodeHostsCanAnnotateFileLevelFindingsOnTheFirstLine() {
        JsonNode results = log().path("runs").get(0).path("results");

        assertThat(results).allSatisfy(r -> assertThat(r.path("locations").get(0).path("physicalLocation")
                .path("region").path("startLine").asInt()).isPositive());
        JsonNode fileLevel = results.get(2).path("locations").get(0).path("physicalLocation").path("region");
        assertThat(fileLevel.path("startLine").asInt()).isEqualTo(1);
        assertThat(fileLevel.path("startColumn").asInt()).isEqualTo(1);
    }

    @Test
    void rulesCarryFullDescriptionMarkdownHelpAndASecuritySeverityByTheirWorstFinding() {
        JsonNode rules = log().path("runs").get(0).path("tool").path("driver").path("rules");

        JsonNode cycle = rules.get(0);
        assertThat(cycle.path("fullDescription").path("text").asText())
                .startsWith(RuleCatalog.describe("cross-stream.cycle")).contains("blocks the transition");
        assertThat(cycle.path("help").path("markdown").asText()).contains("**Fix:**")
                .contains(RuleCatalog.remedy("cross-stream.cycle").replace(".", "\\."));
        assertThat(cycle.path("help").path("text").asText()).contains("Fix: ");
        assertThat(cycle.path("properties").path("security-severity").asText()).isEqualTo(Sarif.SEVERITY_ERROR);
        assertThat(cycle.path("defaultConfiguration").path("level").asText()).isEqualTo("error");
        assertThat(rules.get(1).path("properties").path("security-severity").asText()).isEqualTo(Sarif.SEVERITY_WARNING);
        assertThat(rules.get(2).path("properties").path("security-severity").asText()).isEqualTo(Sarif.SEVERITY_INFO);
        assertThat(rules.get(2).path("properties").path("problem.severity").asText()).isEqualTo("recommendation");
    }

    @Test
    void aRuleIsRankedByTheWorstSeverityReportedUnderItsCode() {
        JsonNode rules = Sarif.builder("planning", "0.1.0")
                .add(List.of(new Finding("governance.x", Severity.WARNING, "w", Optional.empty(), Optional.empty()),
                        new Finding("governance.x", Severity.ERROR, "e", Optional.empty(), Optional.empty()),
                        new Finding("governance.x", Severity.INFO, "i", Optional.empty(), Optional.empty())), "governance")
                .build().path("runs").get(0).path("tool").path("driver").path("rules");

        assertThat(rules.get(0).path("properties").path("security-severity").asText()).isEqualTo(Sarif.SEVERITY_ERROR);
    }

    @Test
    void comparedValuesAndTheFixHintAreInTheMessageAndTheProperties() {
        Finding explained = Finding.error("governance.critical-approvals", "FE-12 violates critical-approvals: too few",
                new SourceLocation(PLAN, 14, 5)).withTask("FE-12")
                .explained(Map.of("approvals", "1"), Optional.of("Collect the missing approvals"));
        ObjectNode log = Sarif.builder("planning", "0.1.0").add(List.of(explained), "governance").build();
        JsonNode result = log.path("runs").get(0).path("results").get(0);

        assertThat(result.path("message").path("text").asText())
                .isEqualTo("FE-12 violates critical-approvals: too few (approvals: 1) Fix: Collect the missing approvals");
        assertThat(result.path("properties").path("facts").path("approvals").asText()).isEqualTo("1");
        assertThat(result.path("properties").path("hint").asText()).isEqualTo("Collect the missing approvals");
        assertThat(log.path("runs").get(0).path("tool").path("driver").path("rules").get(0).path("help")
                .path("markdown").asText()).contains("Collect the missing approvals");
        assertThat(SarifSchema.validate(log)).isEmpty();
    }

    @Test
    void aRulebooksFixHintRendersAsLiteralTextInTheRulesMarkdownHelp() {
        // The hint is the rulebook's @solution (printable, one line): no link, autolink, mention,
        // entity, strikethrough or math of its own in the help a code host renders as Markdown.
        String hint = "See [docs](https://evil.example/fix) or www.x.example, ask @org/team, &lt;b&gt; ~~no~~ $x$ "
                + "<https://evil.example> https://evil.example";
        Finding explained = Finding.error("governance.critical-approvals", "too few", new SourceLocation(PLAN, 14, 5))
                .explained(Map.of(), Optional.of(hint));
        String markdown = Sarif.builder("planning", "0.1.0").add(List.of(explained), "governance").build()
                .path("runs").get(0).path("tool").path("driver").path("rules").get(0).path("help").path("markdown").asText();

        assertThat(markdown).contains("\\[docs\\](https\\://evil\\.example/fix)", "www\\.x\\.example", "@&#8203;org/team",
                "\\&lt;b\\&gt;", "\\~\\~no\\~\\~", "\\$x\\$", "\\<https\\://evil\\.example\\>", " https\\://evil\\.example");
    }

    @Test
    void aFingerprintSurvivesAMovedLineAndAChangedCount() {
        Finding before = Finding.error("governance.critical-approvals", "FE-12 has 1 approval; 3 are required",
                new SourceLocation(PLAN, 14, 5)).withTask("FE-12");
        Finding after = Finding.error("governance.critical-approvals", "FE-12 has 2 approval; 3 are required",
                new SourceLocation(PLAN, 20, 5)).withTask("FE-12");
        Finding other = Finding.error("governance.critical-approvals", "FE-13 has 1 approval; 3 are required",
                new SourceLocation(PLAN, 14, 5)).withTask("FE-13");

        assertThat(fingerprint(before)).isEqualTo(fingerprint(after)).isNotEqualTo(fingerprint(other));
    }

    private static JsonNode fingerprint(Finding finding) {
        return Sarif.builder("planning", "0.1.0").add(List.of(finding), "governance").build()
                .path("runs").get(0).path("results").get(0).path("partialFingerprints");
    }

    @Test
    void fingerprintsAreStableAndDistinct() {
        JsonNode once = log().path("runs").get(0).path("results");
        JsonNode again = log().path("runs").get(0).path("results");

        assertThat(once.get(0).path("partialFingerprints")).isEqualTo(again.get(0).path("partialFingerprints"));
        assertThat(once.get(0).path("partialFingerprints")).isNotEqualTo(once.get(4).path("partialFingerprints"));
        assertThat(log().path("runs").get(0).path("automationDetails").path("id").asText())
                .isEqualTo("gate/fe/2025-09-02/");
    }

    @Test
    void aFilesUriIsAUriReferenceThatNamesThePathWhateverCharactersItHolds() throws URISyntaxException {
        List<String> paths = List.of("tasks/a b#c%41?d.yaml", "tasks/\u00e9t\u00e9 \u6f22\ud83d\ude00.yaml",
                "a:b/x.yaml", "tasks/[x];y=z&w+v.yaml", "tasks/tab\tline\nnbsp\u00a0.yaml", "plain/x.yaml");
        Sarif.Builder builder = Sarif.builder("planning", "0.1.0").uri(path -> "my ws/" + path);
        paths.forEach(path -> builder.add(List.of(Finding.error("file.misnamed", "misnamed",
                SourceLocation.ofFile(path))), "lint"));
        ObjectNode log = builder.build();
        JsonNode results = log.path("runs").get(0).path("results");

        assertThat(SarifSchema.validate(log)).isEmpty();
        for (int i = 0; i < paths.size(); i++) {
            String written = results.get(i).path("locations").get(0).path("physicalLocation").path("artifactLocation")
                    .path("uri").asText();
            URI reference = new URI(written);
            assertThat(written).as(written).matches("[A-Za-z0-9._~!$&'()*+,;=:@/%-]+");
            assertThat(reference.getScheme()).as(written).isNull();
            assertThat(reference.getRawQuery()).as(written).isNull();
            assertThat(reference.getRawFragment()).as(written).isNull();
            assertThat(URI.create("file:///repo/").resolve(reference).getPath()).as(written)
                    .isEqualTo("/repo/my ws/" + paths.get(i));
        }
        assertThat(results.get(0).path("locations").get(0).path("physicalLocation").path("artifactLocation")
                .path("uri").asText()).isEqualTo("my%20ws/tasks/a%20b%23c%2541%3Fd.yaml");
        assertThat(results.get(5).path("locations").get(0).path("physicalLocation").path("artifactLocation")
                .path("uri").asText()).isEqualTo("my%20ws/plain/x.yaml");
    }

    @Test
    void aPathWhoseFirstSegmentHoldsAColonIsNotReadAsAScheme() throws URISyntaxException {
        String written = Sarif.reference("a:b/x.yaml");

        assertThat(written).isEqualTo("./a:b/x.yaml");
        assertThat(new URI(written).getScheme()).isNull();
        assertThat(Sarif.reference("x/a:b")).isEqualTo("x/a:b");
    }
}
