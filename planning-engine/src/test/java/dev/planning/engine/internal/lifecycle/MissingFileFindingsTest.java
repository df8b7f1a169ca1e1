package dev.planning.engine.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.Planning;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.internal.gate.parity.ParityCodes;
import dev.planning.engine.internal.report.Sarif;
import dev.planning.engine.internal.report.SarifSchema;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gate's finding about a file that does not exist is placed at the gate's entry in the rulebook's
 * profile, with a region, so that a code host can annotate it; the SARIF log stays valid against the
 * official 2.1.0 schema.
 */
class MissingFileFindingsTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final String MAP = "frameworks/planning-fe/storymaps/2025-09-02-story_map.md";
    private static final String PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";

    @TempDir
    Path root;

    @Test
    void aMissingStoryMapIsReportedAtTheProfileEntryOfTheGateThatNeededIt() {
        CycleWorkspace.write(root.resolve("rulebook/rulebook.yaml"), """
                version: "1.0.0"
                required_tags: []
                profiles:
                  fe:
                    - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [schema_lint, parity_coverage]}
                default_profile: fe
                """);
        CycleWorkspace.write(root.resolve(PLAN), CycleWorkspace.PLAN.formatted(CYCLE.cycleId()));
        PlanningWorkspace workspace = Planning.builder().workspace(root).build();

        GateResult parity = workspace.dryRun(CYCLE, CycleState.READY_FOR_HANDOFF).stream()
                .filter(r -> r.gate().equals("parity_coverage")).findFirst().orElseThrow();

        Finding missing = parity.findings().stream().filter(f -> f.code().equals(ParityCodes.NO_STORY_MAP))
                .findFirst().orElseThrow();
        assertThat(missing.location()).hasValueSatisfying(l -> {
            assertThat(l.file()).isEqualTo("rulebook/rulebook.yaml");
            assertThat(l.line()).isEqualTo(5);
            assertThat(l.column()).isEqualTo("    - {transition: \"PLANNED->READY_FOR_HANDOFF\", gates: [schema_lint, "
                    .length() + 1);
        });
        assertThat(missing.facts()).containsEntry(MissingFileFindings.FACT, MAP);
        assertThat(missing.message()).contains(MAP);

        JsonNode log = Sarif.builder("planning", "0.1.0").fallbackFile(PLAN).add(List.of(missing), "parity_coverage")
                .build();
        assertThat(SarifSchema.validate(log)).isEmpty();
        JsonNode location = log.path("runs").get(0).path("results").get(0).path("locations").get(0)
                .path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uri").asText()).isEqualTo("rulebook/rulebook.yaml");
        assertThat(location.path("region").path("startLine").asInt()).isEqualTo(5);
        assertThat(log.path("runs").get(0).path("results").get(0).path("properties").path("facts")
                .path(MissingFileFindings.FACT).asText()).isEqualTo(MAP);
    }

    @Test
    void findingsAtFilesThatExistStayWhereTheGateReportedThem() {
        CycleWorkspace.write(root.resolve("rulebook/rulebook.yaml"), """
                version: "1.0.0"
                required_tags: []
                profiles:
                  fe:
                    - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [parity_coverage]}
                default_profile: fe
                """);
        CycleWorkspace.write(root.resolve(PLAN), CycleWorkspace.PLAN.formatted(CYCLE.cycleId()));
        CycleWorkspace.write(root.resolve(MAP), """
                ---
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                title: Checkout
                activities:
                  - id: A-1
                    title: Check out
                    stories:
                      - {id: S-1, title: Pay by card}
                ---
                # Checkout
                """);
        PlanningWorkspace workspace = Planning.builder().workspace(root).build();

        List<Finding> findings = workspace.dryRun(CYCLE, CycleState.READY_FOR_HANDOFF).get(0).findings();

        assertThat(findings).isNotEmpty().allSatisfy(f -> {
            assertThat(f.location().orElseThrow().file()).isIn(PLAN, MAP);
            assertThat(f.facts()).doesNotContainKey(MissingFileFindings.FACT);
        });
    }
}
