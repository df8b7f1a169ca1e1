package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import, digest and improve on a copy of the frontend example. */
class OutcomeCommandsTest {

    private static final String JUNIT = """
            <testsuite name="s" tests="2"><testcase name="a"/><testcase name="b"><failure/></testcase></testsuite>
            """;

    @TempDir
    Path dir;

    private static String[] cycle(Path ws, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private Path validated() throws Exception {
        return CycleScript.validatedExample(dir);
    }

    private Path file(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void importsThenReportsASecondImportAsAlreadyImported() throws Exception {
        Path ws = validated();
        Path report = file("TEST-s.xml", JUNIT);

        CliRun first = CliRun.of(cycle(ws, "import", report.toString()));
        CliRun second = CliRun.of(cycle(ws, "import", "--format", "json", report.toString()));

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("imported " + report).contains("(junit) -> frameworks/planning-fe/outcomes/2025-09-02/junit/");
        assertThat(second.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(second.out());
        assertThat(json.get("changed").asBoolean()).isFalse();
        assertThat(json.get("files").get(0).get("already_imported").asBoolean()).isTrue();
    }

    /**
     * errors20: a stored outcome whose name holds a comma (committed so: import itself stores only
     * {@code [A-Za-z0-9._-]}) was recorded in the event's comma-joined {@code files}, which split it in two, so
     * every import of the same bytes recorded it again (review18, fixed in errors19 by reading each
     * event's {@code sha256.PATH}). Through the command line: recorded once, then already imported.
     */
    @Test
    void aStoredOutcomeNamedWithACommaIsRecordedOnceThenAlreadyImported() throws Exception {
        Path ws = validated();
        Path report = file("TEST-s.xml", JUNIT);
        assertThat(CliRun.of(cycle(ws, "import", report.toString())).exitCode()).isZero();
        // Forget the import (its event is the log's last line) and give the stored file a name with a comma.
        Path log = ws.resolve(WorkspaceLayout.DEFAULT.eventLog(new CycleRef("fe", "2025-09-02")));
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Files.writeString(log, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n", StandardCharsets.UTF_8);
        Path stored;
        try (Stream<Path> junit = Files.list(ws.resolve("frameworks/planning-fe/outcomes/2025-09-02/junit"))) {
            stored = junit.filter(f -> f.getFileName().toString().endsWith("-TEST-s.xml")).findFirst().orElseThrow();
        }
        String renamed = stored.getFileName().toString().substring(0, 12) + "-a,b.xml";
        Files.move(stored, stored.resolveSibling(renamed));

        CliRun recorded = CliRun.of(cycle(ws, "import", "--format", "json", report.toString()));
        List<String> after = Files.readAllLines(log, StandardCharsets.UTF_8);
        CliRun again = CliRun.of(cycle(ws, "import", "--format", "json", report.toString()));

        assertThat(recorded.exitCode()).as(recorded.err()).isZero();
        JsonNode first = new ObjectMapper().readTree(recorded.out());
        assertThat(first.get("changed").asBoolean()).isTrue();
        assertThat(first.get("files").get(0).get("path").asText()).endsWith("/" + renamed);
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode second = new ObjectMapper().readTree(again.out());
        assertThat(second.get("changed").asBoolean()).as(again.out()).isFalse();
        assertThat(second.get("files").get(0).get("already_imported").asBoolean()).isTrue();
        assertThat(Files.readAllLines(log, StandardCharsets.UTF_8)).isEqualTo(after);
    }

    @Test
    void aPartialReportExitsTwoWithItsFileAndNoStackTrace() throws Exception {
        Path ws = validated();
        Path partial = file("TEST-p.xml", "<testsuite tests=\"5\"><testcase name=\"a\"/></testsuite>");
        Path outcomes = ws.resolve("frameworks/planning-fe/outcomes");
        List<Path> before = files(outcomes);

        CliRun run = CliRun.of(cycle(ws, "import", partial.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: " + partial + ":1:").contains("partial report");
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(files(outcomes)).isEqualTo(before);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.sorted().toList();
        }
    }

    @Test
    void digestWritesOnceThenReportsUnchanged() throws Exception {
        Path ws = validated();
        CliRun.of(cycle(ws, "import", file("TEST-s.xml", JUNIT).toString()));

        CliRun first = CliRun.of(cycle(ws, "digest"));
        byte[] bytes = Files.readAllBytes(ws.resolve("frameworks/planning-fe/digests/2025-09-02-digest.md"));
        CliRun second = CliRun.of(cycle(ws, "digest"));

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("wrote frameworks/planning-fe/digests/2025-09-02-digest.md (");
        assertThat(second.out()).startsWith("unchanged ");
        assertThat(Files.readAllBytes(ws.resolve("frameworks/planning-fe/digests/2025-09-02-digest.md"))).isEqualTo(bytes);
    }

    @Test
    void digestWithAMissingTemplateExitsTwo() throws Exception {
        Path ws = validated();

        CliRun run = CliRun.of(cycle(ws, "digest", "--template", dir.resolve("none.mustache").toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("digest template not found");
    }

    @Test
    void improveCompletesTheCycleAndOpensTheNext() throws Exception {
        Path ws = validated();
        Path log = ws.resolve("frameworks/planning-fe/retros/2025-09-02-retrospective.yaml");
        Files.createDirectories(log.getParent());
        Files.writeString(log, """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                improvement_actions:
                  - {id: IA-1, action: Automate the axe run, owner: carol, due: 2025-09-20, tags: ["criticality:2", "compliance:none"]}
                """);
        assertThat(CliRun.of(cycle(ws, "digest")).exitCode()).isZero();
        String trust = dir.resolve("keys/trust.yaml").toString();
        assertThat(CliRun.of(cycle(ws, "advance", "--to", "IMPROVE", "--trust", trust)).exitCode()).isZero();

        CliRun run = CliRun.of(cycle(ws, "improve", "--next", "2025-09-16", "--trust", trust));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("fe/2025-09-02 is COMPLETED; opened fe/2025-09-16 in PLANNED")
                .contains("carried 1 improvement action(s)");
        assertThat(Files.readString(ws.resolve("frameworks/planning-fe/tasks/2025-09-16-fe_task_breakdown.yaml")))
                .contains("id: IA-1").contains("origin: digest:frameworks/planning-fe/digests/2025-09-02-digest.md#IA-1");
    }

    @Test
    void improveBeforeImproveExitsTwo() throws Exception {
        Path ws = validated();

        CliRun run = CliRun.of(cycle(ws, "improve", "--next", "2025-09-16"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is VALIDATED: completing it needs IMPROVE");
    }
}
