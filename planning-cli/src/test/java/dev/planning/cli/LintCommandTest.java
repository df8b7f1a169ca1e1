package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {

    @Test
    void passesOnTheFrontendExample() {
        CliRun run = CliRun.of("lint", "-w", CliRun.example("fe-2025-09-02").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("0 errors, 0 warnings; ").contains("lint passed");
    }

    @Test
    void failsOnTheBrokenExampleWithFileLineColumnFindings() {
        CliRun run = CliRun.of("lint", "-w", CliRun.example("broken").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml:8:5: error: task FE-1: unknown field `ownr`")
                .contains("frameworks/planning-design/tasks/2025-09-02-design_task_breakdown.yaml:6:12: error: malformed YAML")
                .contains("[id.duplicate]")
                .contains("[ref.dangling]")
                .contains("lint failed");
        assertThat(run.printedStackTrace()).isFalse();
    }

    @Test
    void aCommittedDigestWithMistakesFailsLintWithEachMistakeAtItsLineAndColumn(@TempDir Path dir) throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        String digest = "frameworks/planning-fe/digests/2025-09-02-digest.md";
        Path file = workspace.resolve(digest);
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                ---
                version: "1.0"
                cycle_id: "2025-09-02"
                stream: "fe"
                colour: "blue"
                generated_at: "2025-09-02T10:00:00Z"
                gates:
                  schema_lint: "MAYBE"
                ---
                """, StandardCharsets.UTF_8);

        CliRun run = CliRun.of("lint", "-w", workspace.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines().filter(line -> line.startsWith(digest)).toList()).satisfiesExactly(
                line -> assertThat(line).startsWith(digest + ":5:1: error: ").contains("colour"),
                line -> assertThat(line).startsWith(digest + ":8:16: error: ").contains("PASS"));
        assertThat(run.out()).contains("2 errors, 0 warnings in 1 file; ").endsWith(" files checked: lint failed\n");
        assertThat(run.printedStackTrace()).isFalse();
    }

    @Test
    void restrictsToOneStream() {
        CliRun run = CliRun.of("lint", "-w", CliRun.example("broken").toString(), "--stream", "design");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("planning-design").doesNotContain("planning-fe");
    }

    @Test
    void printsJsonWithLocatedFindings() throws Exception {
        CliRun run = CliRun.of("lint", "-w", CliRun.example("broken").toString(), "--format", "json");

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("passed").asBoolean()).isFalse();
        JsonNode first = json.get("findings").get(0);
        assertThat(first.get("file").asText()).endsWith(".yaml");
        assertThat(first.get("line").asInt()).isPositive();
        assertThat(first.get("column").asInt()).isPositive();
        assertThat(first.get("code").asText()).isNotBlank();
    }

    @Test
    void aMissingWorkspaceIsBadInputWithoutAStackTrace() {
        CliRun run = CliRun.of("lint", "-w", "/nonexistent/workspace");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains("/nonexistent/workspace");
        assertThat(run.printedStackTrace()).isFalse();
    }

    @Test
    void anUnknownOptionIsBadUsage() {
        CliRun run = CliRun.of("lint", "--colour");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown option '--colour'; planning lint takes --cycle, --format,");
    }
}
