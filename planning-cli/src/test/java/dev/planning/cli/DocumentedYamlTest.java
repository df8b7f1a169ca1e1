package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files the documents show a user writing are files the tools take as they stand: the
 * deployments files of docs/metrics.md import, the decision log of docs/rules.md and the improvement
 * actions of docs/digest.md (in a retrospective) lint without an error, the rule test case of
 * docs/rules.md passes against the default rulebook (each in a copy of the frontend example), and its
 * failing case, added to a copy of the release-owner policy, prints what rules.md shows.
 */
class DocumentedYamlTest {

    private static final String CYCLE_HEADER = "version: \"1.0.0\"\ncycle_id: \"2025-09-02\"\nstream: fe\n";

    @TempDir
    Path dir;

    @Test
    void theDeploymentsFilesOfMetricsMdImport() throws IOException {
        List<String> files = yamlBlocks(DocumentedScript.document("metrics.md")).stream()
                .filter(block -> block.contains("\ndeployments:\n")).toList();
        assertThat(files).as("the recording-delivery file and the deployments file").hasSize(2);
        // Two examples of one file, each for a cycle of its own (both number from D-1, and a deployment
        // listed in two files of one cycle is refused: metrics.md).
        for (int i = 0; i < files.size(); i++) {
            Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws" + i));
            Path file = Files.createDirectories(dir.resolve("d" + i)).resolve("deployments.yaml");
            // Dated next year: the command line creates the cycle now, and a deployment earlier than the cycle's
            // creation is refused (metrics.md); the file is otherwise as documented.
            String year = Integer.toString(Year.now(ZoneOffset.UTC).getValue() + 1);
            Files.writeString(file, files.get(i).replace("2025-", year + "-"), StandardCharsets.UTF_8);

            CliRun run = CliRun.of("import", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                    file.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("(deployments)").contains("recorded OUTCOMES_IMPORTED");
            // The cycle's figures take what import took (review37b: a file import stored, the digest refused).
            CliRun digest = CliRun.of("digest", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02");
            assertThat(digest.exitCode()).as(digest.out() + digest.err()).isZero();
        }
    }

    /**
     * review37b: metrics.md's recording-delivery file, as written, into a copy of the example, whose cycle the import
     * creates today: refused as metrics.md says, at the deployment's time, nothing stored (it was stored, and the
     * digest and lint refused it).
     */
    @Test
    void theRecordingDeliveryFileAsWrittenIsRefusedAtTodaysClockAsMetricsMdSays() throws IOException {
        String documented = yamlBlocks(DocumentedScript.document("metrics.md")).stream()
                .filter(block -> block.contains("\ndeployments:\n")).findFirst().orElseThrow();
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path file = Files.createDirectories(dir.resolve("d")).resolve("deployments.yaml");
        Files.writeString(file, documented, StandardCharsets.UTF_8);

        CliRun run = CliRun.of("import", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                file.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains(file.toString().replace('\\', '/') + ":3:21: nothing imported: deployment D-1"
                + " at 2025-09-05T14:00:00Z is earlier than the cycle, created at ");
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(ws.resolve("frameworks/planning-fe/outcomes")).doesNotExist();
    }

    @Test
    void theDecisionLogOfRulesMdAndTheImprovementActionsOfDigestMdLintWithoutAnError() throws IOException {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        String decisions = block(DocumentedScript.document("rules.md"), "## Waivers and the decision log");
        String actions = block(DocumentedScript.document("digest.md"), "Improvement actions come out");
        assertThat(decisions).contains("waivers:", "decisions:");
        assertThat(actions).startsWith("improvement_actions:");
        write(ws.resolve("frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml"), decisions);
        write(ws.resolve("frameworks/planning-fe/retros/2025-09-02-retrospective.yaml"), CYCLE_HEADER + actions);

        CliRun run = CliRun.of("lint", "-w", ws.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).doesNotContain(": error:").contains("; 4 files checked: lint passed");
    }

    @Test
    void theRuleTestCaseOfRulesMdPassesAgainstTheDefaultRulebook() throws IOException {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        write(ws.resolve("rulebook/tests/documented.yaml"), block(DocumentedScript.document("rules.md"), "### Test files"));

        CliRun run = CliRun.of("rules", "test", ws.resolve("rulebook").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("PASS tests/documented.yaml::critical item needs three approvals");
    }

    @Test
    void theFailingRuleTestCaseOfRulesMdPrintsWhatRulesMdShows() throws IOException {
        String doc = DocumentedScript.document("rules.md");
        String heading = "A failing case is printed";
        String failing = block(doc, heading);
        int afterCase = doc.indexOf("```\n", doc.indexOf("```yaml\n", doc.indexOf(heading))) + 4;
        List<String> shown = DocumentedScript.block(doc.substring(afterCase), "", "```").lines().toList();
        Path rulebook = dir.resolve("release-owner");
        WorkspaceCopies.copy(Path.of("..", "planning-examples", "policies", "release-owner").toAbsolutePath(), rulebook);
        write(rulebook.resolve("tests/extra.yaml"), failing);

        CliRun run = CliRun.of("rules", "test", rulebook.toString(), "--fail-under", "100");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(DocumentedConsoleTest.matches(shown, run.out().lines().toList()))
                .as("rules.md shows%n%s%nbut the command printed%n%s", String.join("\n", shown), run.out()).isTrue();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The first {@code ```yaml} block after {@code heading}. */
    private static String block(String document, String heading) {
        return DocumentedScript.block(document, heading, "```yaml");
    }

    private static List<String> yamlBlocks(String document) {
        List<String> blocks = new ArrayList<>();
        int at = document.indexOf("```yaml\n");
        while (at >= 0) {
            int start = at + "```yaml\n".length();
            int end = document.indexOf("```\n", start);
            blocks.add(document.substring(start, end));
            at = document.indexOf("```yaml\n", end + 4);
        }
        return blocks;
    }
}
