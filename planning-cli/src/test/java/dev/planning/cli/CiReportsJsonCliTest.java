package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealResult;
import dev.planning.engine.Planning;
import dev.planning.report.CiReports;
import dev.planning.rules.impact.RulebookImpact;
import dev.planning.rules.testkit.RuleTestFiles;
import dev.planning.rules.testkit.RuleTestReport;
import dev.planning.rules.testkit.RuleTestRunner;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public API's JSON ({@code CiReports.lintJson}, {@code gatesJson}, {@code transitionJson},
 * {@code sealJson}, {@code verificationJson}, {@code statusJson}, {@code RuleTestReport.json},
 * {@code RulebookImpact.json}) for real results (the gates run on the frontend example) is the text
 * {@code --format json} prints, followed by the line break the command line adds, and validates
 * against the schema of the command. A transition's and a seal's event ids, evidence files (names and
 * hashes) and manifest id are new on each run: those values alone are compared by their form.
 */
class CiReportsJsonCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path dir;

    @Test
    void lintIsWhatTheCommandPrints() throws Exception {
        for (Path ws : List.of(CliRun.example("broken"), CliRun.example("fe-2025-09-02"))) {
            String json = CiReports.lintJson(Planning.builder().workspace(ws).build().lint());

            assertThat(cli("lint", "-w", ws.toString())).isEqualTo(json + "\n");
            valid("lint", json);
        }
    }

    @Test
    void aDryRunIsWhatTheCommandPrints() throws Exception {
        Path ws = CliRun.example("fe-critical");
        String json = CiReports.gatesJson(CYCLE, CycleState.READY_FOR_HANDOFF,
                Planning.builder().workspace(ws).build().dryRun(CYCLE, CycleState.READY_FOR_HANDOFF));

        assertThat(cli("gate", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF")).isEqualTo(json + "\n");
        assertThat(valid("gate", json).path("passed").asBoolean()).isFalse();
    }

    @Test
    void aTransitionASealAndAnAdvanceThatSealsAreWhatTheCommandsPrint() throws Exception {
        Path api = CycleScript.committedExample(dir.resolve("api"));
        Path advanced = CycleScript.committedExample(dir.resolve("advanced"));
        Path sealed = CycleScript.committedExample(dir.resolve("sealed"));
        PlanningWorkspace ws = Planning.builder().workspace(api).build();

        TransitionResult ready = ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF);
        String readyJson = CiReports.transitionJson(ready);
        assertThat(ready.accepted()).isTrue();
        assertThat(masked(cli(CycleScript.cycle(advanced, "advance", "--to", "READY_FOR_HANDOFF"))))
                .isEqualTo(masked(readyJson + "\n"));
        assertThat(valid("advance", readyJson).path("gates").get(0).path("evidence").asText()).isNotEmpty();

        SealResult seal = ws.seal(CYCLE, SealOptions.defaults());
        String sealJson = CiReports.sealJson(seal);
        String packagedJson = CiReports.transitionJson(seal.transition().orElseThrow(), seal.manifestPath(),
                Optional.empty());
        CycleScript.ok(CycleScript.cycle(sealed, "advance", "--to", "READY_FOR_HANDOFF"));
        assertThat(masked(cli(CycleScript.cycle(sealed, "seal")))).isEqualTo(masked(sealJson + "\n"));
        assertThat(masked(cli(CycleScript.cycle(advanced, "advance", "--to", "PACKAGED"))))
                .isEqualTo(masked(packagedJson + "\n"));
        assertThat(valid("seal", sealJson).path("sealed").asBoolean()).isTrue();
        assertThat(valid("advance", packagedJson).path("manifest").asText()).endsWith("handoff_manifest.yaml");
    }

    @Test
    void aVerificationAndAStatusAreWhatTheCommandsPrint() throws Exception {
        Path ws = CycleScript.validatedExample(dir);
        Path trust = dir.resolve("keys").resolve("trust.yaml");
        PlanningWorkspace workspace = Planning.builder().workspace(ws).trustFile(trust).build();
        String verification = CiReports.verificationJson(workspace.verify(CYCLE, workspace.trustedKeys().orElseThrow()));

        assertThat(cli(CycleScript.cycle(ws, "verify", "--trust", trust.toString()))).isEqualTo(verification + "\n");
        assertThat(valid("verify", verification).path("passed").asBoolean()).isTrue();

        PlanningWorkspace readOnly = Planning.builder().workspace(ws).trustFile(trust).readOnly().build();
        List<CycleStatus> statuses = new ArrayList<>();
        List<EventLogCorruptedException> broken = new ArrayList<>();
        List<Discrepancy> unsigned = new ArrayList<>();
        for (CycleRef cycle : readOnly.cycles()) {
            CycleStatus status = readOnly.status(cycle);
            statuses.add(status);
            unsigned.addAll(readOnly.checkHistory(status));
        }
        String status = CiReports.statusJson(statuses, broken, unsigned, CiReports.missingTaskBreakdowns(readOnly,
                statuses));

        assertThat(cli("status", "-w", ws.toString(), "--trust", trust.toString())).isEqualTo(status + "\n");
        assertThat(valid("status", status).path("cycles").get(0).path("state").asText()).isEqualTo("VALIDATED");
    }

    /**
     * status27: {@code status --format json} says which cycle lacks its task breakdown and the path it lacks (the
     * text said it, the JSON did not), validates against the schema, and is {@code CiReports.statusJson}'s text.
     */
    @Test
    void aStatusSaysWhichCyclesLackATaskBreakdownAsTheTextDoes() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Planning.builder().workspace(ws).triggeredBy("test").build().create(new CycleRef("fe", "2025-08-19"));
        Path storyMap = Files.createDirectories(ws.resolve("frameworks/planning-fe/storymaps"))
                .resolve("2025-10-07-story_map.md");
        Files.writeString(storyMap, "# story map\n");

        String printed = cli("status", "-w", ws.toString());

        JsonNode cycles = valid("status", printed).path("cycles");
        assertThat(cycles).hasSize(3);
        assertThat(cycles.get(0).path("missing_task_breakdown").asText())
                .isEqualTo("frameworks/planning-fe/tasks/2025-08-19-fe_task_breakdown.yaml");
        assertThat(cycles.get(1).has("missing_task_breakdown")).as("fe/2025-09-02 has its plan").isFalse();
        assertThat(cycles.get(2).path("missing_task_breakdown").asText())
                .isEqualTo("frameworks/planning-fe/tasks/2025-10-07-fe_task_breakdown.yaml");
        PlanningWorkspace readOnly = Planning.builder().workspace(ws).readOnly().build();
        List<CycleStatus> statuses = readOnly.cycles().stream().map(readOnly::status).toList();
        assertThat(printed).isEqualTo(CiReports.statusJson(statuses, List.of(), List.of(),
                CiReports.missingTaskBreakdowns(readOnly, statuses)) + "\n");
    }

    @Test
    void ruleTestsAndARulebookChangeAreWhatTheCommandsPrint() throws Exception {
        Path rulebookDir = CliRun.example("fe-2025-09-02").resolve("rulebook");
        Rulebook rulebook = Planning.rulebook(rulebookDir);
        RuleTestReport report = RuleTestRunner.forRulebook(rulebook)
                .run(RuleTestFiles.readRulebookTests(rulebook.directory()));
        String tests = report.json(rulebook.directory().toString(), rulebook.hash(), OptionalDouble.of(50));

        assertThat(cli("rules", "test", rulebookDir.toString(), "--fail-under", "50")).isEqualTo(tests + "\n");
        valid("rules-test", tests);

        Path stricter = CliRun.copyOf("fe-2025-09-02", dir.resolve("stricter")).resolve("rulebook");
        Path settings = stricter.resolve("rulebook.yaml");
        Files.writeString(settings, Files.readString(settings).replace("critical_approvals: 3", "critical_approvals: 4"));
        Path ws = CliRun.example("fe-2025-09-02");
        String diff = RulebookImpact.compare(ws, rulebookDir, stricter, Clock.systemUTC())
                .json(rulebookDir.toString(), stricter.toString());

        assertThat(cli("rules", "diff", "-w", ws.toString(), "--base", rulebookDir.toString(), "--head",
                stricter.toString())).isEqualTo(diff + "\n");
        assertThat(valid("rules-diff", diff).path("cycles").get(0).path("added")).isNotEmpty();
    }

    /** What the command prints with {@code --format json}, whatever its exit code. */
    private static String cli(String... args) {
        String[] withFormat = Stream.concat(Stream.of(args), Stream.of("--format", "json")).toArray(String[]::new);
        CliRun run = CliRun.of(withFormat);
        assertThat(run.err()).as(String.join(" ", args)).isEmpty();
        return run.out();
    }

    /**
     * The text with the values a run makes anew (event ids, evidence files' times and hashes, manifest
     * ids) replaced by their form.
     */
    private static String masked(String json) {
        return json.replaceAll("\"event_id\" : \"evt_[0-9a-f-]{36}\"", "\"event_id\" : \"EVENT\"")
                .replaceAll("/[0-9]{8}T[0-9]{6}(\\.[0-9]+)?Z-", "/TIME-")
                .replaceAll("\"manifest_id\" : \"[^\"]+\"", "\"manifest_id\" : \"ID\"")
                // An evidence file records its event and time: its hash is new on each run too.
                .replaceAll("(\"path\" : \"[^\"]*/evidence/[^\"]*\",\n *\"sha256\" : \")[0-9a-f]{64}", "$1HASH");
    }

    private static JsonNode valid(String command, String json) throws Exception {
        JsonNode document = JSON.readTree(json);
        JsonNode schemaDocument;
        try (InputStream in = CiReportsJsonCliTest.class.getResourceAsStream("/schemas/output/" + command + "/1.0.json")) {
            schemaDocument = JSON.readTree(in);
        }
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of(schemaDocument.path("$id").asText()), schemaDocument);
        schema.initializeValidators();
        List<Error> errors = schema.validate(document);
        assertThat(errors).as(command + " output:\n" + json).isEmpty();
        return document;
    }
}
