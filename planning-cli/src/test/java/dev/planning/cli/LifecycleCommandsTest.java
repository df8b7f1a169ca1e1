package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.Planning;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gate, advance and status on a copy of the frontend example. */
class LifecycleCommandsTest {

    private static final String LOG = "frameworks/planning-fe/events/2025-09-02.events.jsonl";

    @TempDir
    Path dir;

    private Path workspace() {
        return CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
    }

    private static String[] cycle(Path ws, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "-w", ws.toString(), "--stream", "fe",
                "--cycle", "2025-09-02"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void gateIsADryRunThatRecordsNothing() {
        Path ws = workspace();
        CliRun run = CliRun.of(cycle(ws, "gate", "--to", "READY_FOR_HANDOFF"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("schema_lint: PASS").contains("(dry run)");
        assertThat(ws.resolve(LOG)).doesNotExist();
    }

    @Test
    void advanceRecordsTheTransitionAndStatusShowsItsHistory() {
        Path ws = workspace();
        CliRun advance = CliRun.of(cycle(ws, "advance", "--to", "ready-for-handoff"));
        CliRun status = CliRun.of("status", "-w", ws.toString());

        assertThat(advance.exitCode()).as(advance.err()).isZero();
        assertThat(advance.out()).contains("PLANNED -> READY_FOR_HANDOFF accepted");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out())
                .contains("fe/2025-09-02: READY_FOR_HANDOFF")
                .contains("CYCLE_CREATED")
                .contains("STATE_TRANSITION  PLANNED -> READY_FOR_HANDOFF");
    }

    @Test
    void advancePrintsJson() throws Exception {
        CliRun run = CliRun.of(cycle(workspace(), "advance", "--to", "READY_FOR_HANDOFF", "--format", "json"));

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("accepted").asBoolean()).isTrue();
        assertThat(json.get("state").asText()).isEqualTo("READY_FOR_HANDOFF");
        assertThat(json.get("gates").get(0).get("gate").asText()).isEqualTo("schema_lint");
    }

    @Test
    void aTransitionTheLifecycleDoesNotAllowIsBadUsageAndRecordsNothing() {
        Path ws = workspace();
        CliRun run = CliRun.of(cycle(ws, "advance", "--to", "EXECUTED"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot move from PLANNED to EXECUTED").contains("READY_FOR_HANDOFF");
        assertThat(ws.resolve(LOG)).doesNotExist();
    }

    @Test
    void aRefusedTransitionExitsOneAndIsRecorded() throws Exception {
        Path ws = workspace();
        Path tasks = ws.resolve("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");
        Files.writeString(tasks, Files.readString(tasks).replace("owner: dan", "ownr: dan"));

        CliRun run = CliRun.of(cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("REFUSED").contains("schema_lint: FAIL").contains("unknown field `ownr`");
        assertThat(Files.readAllLines(ws.resolve(LOG))).hasSize(2).last().asString().contains("TRANSITION_REFUSED");
    }

    @Test
    void statusReportsAnEditedEventLogWithItsLineNumber() throws Exception {
        Path ws = workspace();
        CliRun.of(cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        Path log = ws.resolve(LOG);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines.set(0, lines.get(0).replace("\"triggered_by\":\"", "\"triggered_by\":\"x"));
        Files.write(log, lines, StandardCharsets.UTF_8);

        CliRun run = CliRun.of("status", "-w", ws.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("BROKEN CHAIN").contains(LOG + ":2").contains("line 1 was edited");
        assertThat(run.printedStackTrace()).isFalse();
    }

    @Test
    void aHostileCycleIdIsRefusedBeforeAnyPathIsBuilt() {
        Path ws = workspace();
        CliRun run = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "../../etc",
                "--to", "READY_FOR_HANDOFF");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("invalid cycle id '../../etc'");
        assertThat(run.printedStackTrace()).isFalse();
    }

    @Test
    void anUnknownStateIsBadUsage() {
        CliRun run = CliRun.of(cycle(workspace(), "gate", "--to", "SHIPPED"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: invalid value for option '--to': unknown state 'SHIPPED'; expected one of"
                + " PLANNED, READY_FOR_HANDOFF, PACKAGED, EXECUTED, VALIDATED, IMPROVE, COMPLETED\n"
                + "see 'planning gate --help'\n");
    }

    @Test
    void statusOfACycleThatDoesNotExistIsBadUsageNotPlanned() {
        Path ws = workspace();
        CliRun run = CliRun.of("status", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-03");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).doesNotContain("PLANNED");
        assertThat(run.err()).contains("no such cycle fe/2025-09-03").contains("planning init");
    }

    /**
     * api26: status lists a cycle with events and no task breakdown (it listed the cycles with a plan only),
     * saying which plan it lacks.
     */
    @Test
    void statusListsACycleWithEventsAndNoTaskBreakdownSayingWhatIsMissing() {
        Path ws = workspace();
        Planning.builder().workspace(ws).triggeredBy("test").build()
                .create(new CycleRef("fe", "2025-08-19"));

        CliRun run = CliRun.of("status", "-w", ws.toString());

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).contains("fe/2025-08-19: PLANNED\n  NO TASK BREAKDOWN: frameworks/planning-fe/tasks/"
                + "2025-08-19-fe_task_breakdown.yaml does not exist: the cycle's gates have no plan to judge\n")
                .contains("fe/2025-09-02: ").containsOnlyOnce("NO TASK BREAKDOWN");
        assertThat(CliRun.of("status", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-08-19").out())
                .contains("NO TASK BREAKDOWN");
    }

    /**
     * status27: a cycle with only a story map, or only a decision log, is listed by {@code status} and shown by
     * {@code status --stream --cycle} alike (the latter refused it: "no such cycle"), saying what it lacks.
     */
    @Test
    void statusOfOneCycleWithOnlyAStoryMapOrADecisionLogShowsItAsTheListingDoes() throws Exception {
        Path ws = workspace();
        Path storyMap = ws.resolve("frameworks/planning-fe/storymaps/2025-10-07-story_map.md");
        Files.createDirectories(storyMap.getParent());
        Files.writeString(storyMap, "# story map\n");
        Path decisions = ws.resolve("frameworks/planning-fe/decisions/2025-10-08-decision_log.yaml");
        Files.createDirectories(decisions.getParent());
        Files.writeString(decisions, "decisions: []\n");

        assertThat(CliRun.of("status", "-w", ws.toString()).out()).contains("fe/2025-10-07: PLANNED")
                .contains("fe/2025-10-08: PLANNED");
        for (String cycle : List.of("2025-10-07", "2025-10-08")) {
            CliRun one = CliRun.of("status", "-w", ws.toString(), "--stream", "fe", "--cycle", cycle);

            assertThat(one.exitCode()).as(cycle).isZero();
            assertThat(one.out()).startsWith("fe/" + cycle + ": PLANNED\n  NO TASK BREAKDOWN: frameworks/planning-fe/"
                    + "tasks/" + cycle + "-fe_task_breakdown.yaml does not exist");
        }
    }

    /** api26: advance and import of a cycle that does not exist are refused naming it, leaving no file or directory. */
    @Test
    void advanceAndImportOfACycleThatDoesNotExistAreBadUsageAndWriteNothing() throws Exception {
        Path ws = workspace();
        List<Path> before;
        try (Stream<Path> walk = Files.walk(ws)) {
            before = walk.sorted().toList();
        }

        Path junit = Files.writeString(dir.resolve("TEST-x.xml"), "<testsuite name=\"x\" tests=\"1\" failures=\"0\""
                + " errors=\"0\" skipped=\"0\"><testcase classname=\"x\" name=\"y\"/></testsuite>\n");

        CliRun run = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-03", "--to",
                "READY_FOR_HANDOFF");
        CliRun imported = CliRun.of("import", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-03",
                junit.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such cycle fe/2025-09-03").hasLineCount(1);
        assertThat(imported.exitCode()).isEqualTo(2);
        assertThat(imported.err()).contains("no such cycle fe/2025-09-03").hasLineCount(1);
        try (Stream<Path> walk = Files.walk(ws)) {
            assertThat(walk.sorted().toList()).isEqualTo(before);
        }
    }

    @Test
    void statusRefusesAStreamNameThatCannotExistAsLintDoes() {
        CliRun run = CliRun.of("status", "-w", workspace().toString(), "--stream", "FE");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("invalid stream 'FE'").contains("lower-case");
    }

    @Test
    void statusWithAFilterThatMatchesNoCycleNamesTheFilterAndTheCyclesThereAre() {
        Path ws = workspace();
        CliRun stream = CliRun.of("status", "-w", ws.toString(), "--stream", "fx");
        CliRun cycle = CliRun.of("status", "-w", ws.toString(), "--cycle", "2025-09-03");

        assertThat(stream.exitCode()).isEqualTo(2);
        assertThat(stream.err()).contains("no cycle of stream fx").contains("its cycles: fe/2025-09-02");
        assertThat(cycle.exitCode()).isEqualTo(2);
        assertThat(cycle.err()).contains("no cycle with id 2025-09-03").contains("fe/2025-09-02");
    }
}
