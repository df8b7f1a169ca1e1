package dev.planning.engine.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.Finding;
import dev.planning.engine.Planning;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.internal.report.Sarif;
import dev.planning.engine.internal.report.SarifSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lint finding about a whole directory (no streams under the streams root, a stream directory with
 * no planning files) is placed at the {@code rulebook.yaml} entry that needs the directory, with a
 * region, so that a code host can annotate it; the SARIF log stays valid against the official 2.1.0
 * schema.
 */
class DirectoryFindingsTest {

    private static final String RULEBOOK = """
            version: "1.0.0"
            required_tags: []
            profiles:
              fe:
                - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [schema_lint]}
              be:
                - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [schema_lint]}
            streams: {fe: fe, be: be}
            default_profile: fe
            """;

    @TempDir
    Path root;

    @Test
    void noStreamsAtAllIsReportedAtTheStreamsKeyOfTheRulebook() {
        CycleWorkspace.write(root.resolve("rulebook/rulebook.yaml"), RULEBOOK);
        PlanningWorkspace workspace = Planning.builder().workspace(root).build();

        Finding finding = only(workspace.lint().findings(), LintCodes.FILE_MISSING);

        assertThat(finding.location()).hasValueSatisfying(l -> {
            assertThat(l.file()).isEqualTo("rulebook/rulebook.yaml");
            assertThat(l.line()).isEqualTo(8);
            assertThat(l.column()).isEqualTo(1);
        });
        assertThat(finding.facts()).containsEntry(DirectoryFindings.FACT, "frameworks");
        assertThat(finding.message()).contains("frameworks/planning-{stream}");
        assertRegionInValidSarif(finding, 8);
    }

    @Test
    void aStreamWithoutPlanningFilesIsReportedAtItsEntryInTheRulebook() throws IOException {
        CycleWorkspace.write(root.resolve("rulebook/rulebook.yaml"), RULEBOOK);
        Files.createDirectories(root.resolve("frameworks/planning-be"));
        PlanningWorkspace workspace = Planning.builder().workspace(root).build();

        Finding finding = only(workspace.lint("be").findings(), LintCodes.FILE_MISSING);

        assertThat(finding.location()).hasValueSatisfying(l -> {
            assertThat(l.file()).isEqualTo("rulebook/rulebook.yaml");
            assertThat(l.line()).isEqualTo(8);
            assertThat(l.column()).isEqualTo("streams: {fe: fe, ".length() + 1);
        });
        assertThat(finding.facts()).containsEntry(DirectoryFindings.FACT, "frameworks/planning-be");
        assertRegionInValidSarif(finding, 8);
    }

    @Test
    void aStreamTheRulebookDoesNotMapIsReportedAtTheProfileItRuns() throws IOException {
        CycleWorkspace.write(root.resolve("rulebook/rulebook.yaml"), RULEBOOK);
        Files.createDirectories(root.resolve("frameworks/planning-design"));
        PlanningWorkspace workspace = Planning.builder().workspace(root).build();

        Finding finding = only(workspace.lint("design").findings(), LintCodes.FILE_MISSING);

        // design runs the default profile, fe, whose key is on line 4.
        assertThat(finding.location()).hasValueSatisfying(l -> {
            assertThat(l.file()).isEqualTo("rulebook/rulebook.yaml");
            assertThat(l.line()).isEqualTo(4);
        });
        assertThat(finding.facts()).containsEntry(DirectoryFindings.FACT, "frameworks/planning-design");
    }

    @Test
    void findingsWithALineStayWhereTheyAre() {
        CycleWorkspace.write(root.resolve("rulebook/rulebook.yaml"), RULEBOOK);
        CycleWorkspace.write(root.resolve("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml"),
                "version: [\n");
        PlanningWorkspace workspace = Planning.builder().workspace(root).build();

        assertThat(workspace.lint("fe").findings()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.location().orElseThrow().file()).startsWith("frameworks/planning-fe/");
            assertThat(f.facts()).doesNotContainKey(DirectoryFindings.FACT);
        });
    }

    private static Finding only(List<Finding> findings, String code) {
        return findings.stream().filter(f -> f.code().equals(code)).reduce((a, b) -> {
            throw new AssertionError("more than one " + code + ": " + findings);
        }).orElseThrow(() -> new AssertionError("no " + code + " in " + findings));
    }

    private static void assertRegionInValidSarif(Finding finding, int line) {
        JsonNode log = Sarif.builder("planning", "0.1.0").add(List.of(finding), "lint").build();
        assertThat(SarifSchema.validate(log)).isEmpty();
        JsonNode location = log.path("runs").get(0).path("results").get(0).path("locations").get(0)
                .path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uri").asText()).isEqualTo("rulebook/rulebook.yaml");
        assertThat(location.path("region").path("startLine").asInt()).isEqualTo(line);
    }
}
