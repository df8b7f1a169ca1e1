package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code fe-critical} example: FE-12 is critical but has 2 of its 3 approvals, so Critical=0
 * does not hold until a waiver scoped to exactly that rule and item is recorded.
 */
class FeCriticalTest {

    private static final String LOG = "frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml";
    private static final String EVENTS = "frameworks/planning-fe/events/2025-09-02.events.jsonl";

    @TempDir
    Path temp;

    private Path workspace;

    @BeforeEach
    void copyExample() {
        workspace = CliRun.copyOf("fe-critical", temp.resolve("fe-critical"));
    }

    private CliRun advance(String... extra) {
        List<String> args = new ArrayList<>(List.of("advance", "-w", workspace.toString(), "--stream", "fe",
                "--cycle", "2025-09-02", "--to", "READY_FOR_HANDOFF"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private void waive(String rule, String item, String expires) throws IOException {
        Files.writeString(workspace.resolve(LOG), "waivers:\n  - {rule: " + rule + ", item: " + item
                + ", reason: \"third approver on leave; approved by the CTO instead\", approver: cto-gina, expires: "
                + expires + "}\n", StandardOpenOption.APPEND);
    }

    @Test
    void refusesReadyForHandoffAndSaysWhichRuleWhichItemAndWhy() {
        CliRun run = advance();

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("fe/2025-09-02: PLANNED -> READY_FOR_HANDOFF REFUSED")
                .contains("governance: FAIL (1 error(s)")
                .contains("2025-09-02-fe_task_breakdown.yaml:48:9: error: FE-12 violates critical-approvals:"
                        + " FE-12 is critical (criticality 0) but has 2 approvals; 3 are required")
                .contains("state: PLANNED");
    }

    @Test
    void theRefusalInJsonNamesTheRuleAndTheItem() throws IOException {
        CliRun run = advance("--format", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("accepted").asBoolean()).isFalse();
        JsonNode governance = gate(json, "governance");
        assertThat(governance.path("gate").asText()).isEqualTo("governance");
        assertThat(governance.path("findings")).singleElement().satisfies(f -> {
            assertThat(f.path("code").asText()).isEqualTo("governance.critical-approvals");
            assertThat(f.path("task").asText()).isEqualTo("FE-12");
            assertThat(f.path("severity").asText()).isEqualTo("error");
        });
    }

    @Test
    void aScopedWaiverLetsItAdvanceAndIsListedInTheResult() throws IOException {
        waive("critical-approvals", "FE-12", "2099-12-31");

        CliRun run = advance();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("READY_FOR_HANDOFF accepted")
                .contains("governance: PASS (0 error(s), 0 warning(s))")
                .contains("FE-12 violates critical-approvals")
                .contains("[waived until 2099-12-31 by cto-gina: third approver on leave; approved by the CTO instead]")
                .contains("[governance.waived]");
    }

    @Test
    void theWaiverIsListedInTheJsonResultToo() throws IOException {
        waive("critical-approvals", "FE-12", "2099-12-31");

        CliRun run = advance("--format", "json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("accepted").asBoolean()).isTrue();
        assertThat(gate(json, "governance").path("findings")).singleElement().satisfies(f -> {
            assertThat(f.path("code").asText()).isEqualTo("governance.waived");
            assertThat(f.path("task").asText()).isEqualTo("FE-12");
            assertThat(f.path("severity").asText()).isEqualTo("info");
            assertThat(f.path("message").asText()).contains("waived until 2099-12-31 by cto-gina");
        });
    }

    @Test
    void anExpiredWaiverDoesNotWaive() throws IOException {
        waive("critical-approvals", "FE-12", "2001-01-31");

        CliRun run = advance();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("REFUSED").contains("FE-12 violates critical-approvals")
                .contains("waiver of critical-approvals for FE-12 expired on 2001-01-31 and waives nothing");
    }

    @Test
    void aWaiverForAnotherItemDoesNotWaive() throws IOException {
        waive("critical-approvals", "FE-13", "2099-12-31");

        CliRun run = advance();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("REFUSED").contains("FE-12 violates critical-approvals")
                .contains("waiver of critical-approvals for FE-13 matched no violation");
    }

    @Test
    void aWaiverOfAnotherRuleDoesNotWaive() throws IOException {
        waive("critical-review-board", "FE-12", "2099-12-31");

        assertThat(advance().exitCode()).isEqualTo(1);
    }

    @Test
    void aDrlSyntaxErrorIsBadInputAtItsFileAndLineForLintAndAdvance() throws IOException {
        Files.writeString(workspace.resolve("rulebook/rules/broken.drl"), """
                package broken;
                import dev.planning.rules.facts.TaskFact;

                rule "unfinished"
                when
                    $t : TaskFact(owner == )
                then
                end
                """);
        // Located relative to the workspace, as the builder reports a rulebook inside it.
        String where = "rulebook/rules/broken.drl:6:";

        CliRun lint = CliRun.of("lint", "-w", workspace.toString());
        CliRun advance = advance();

        for (CliRun run : List.of(lint, advance)) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("error: " + where).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(workspace.resolve(EVENTS)).as("a broken rulebook records no attempt").doesNotExist();
    }

    private static com.fasterxml.jackson.databind.JsonNode gate(com.fasterxml.jackson.databind.JsonNode json, String name) {
        for (com.fasterxml.jackson.databind.JsonNode gate : json.path("gates")) {
            if (gate.path("gate").asText().equals(name)) {
                return gate;
            }
        }
        throw new AssertionError("no gate " + name + " in " + json);
    }
}
