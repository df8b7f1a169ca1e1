package dev.planning.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.fixtures.GateEnvironments;
import dev.planning.engine.fixtures.Importers;
import dev.planning.engine.internal.cycle.ArtifactGateContext;
import dev.planning.engine.internal.gate.parity.ParityCoverageGate;
import dev.planning.engine.internal.outcome.CoverageReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coverage KPIs and the {@code parity_coverage} gate read one selection of a cycle's coverage
 * reports and merge it per source file one way: for one workspace they give one figure, and a source
 * file in two reports counts once in both.
 */
class CoverageKpiAndGateAgreeTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    /** Lines 1-4 of a.js: one run hit 1 and 2, the other 2 and 3: 3 of 4 merged, 4 of 8 summed. */
    private static final String FIRST_RUN = "TN:\nSF:src/a.js\nDA:1,1\nDA:2,1\nDA:3,0\nDA:4,0\nend_of_record\n";
    private static final String SECOND_RUN = "TN:\nSF:src/a.js\nDA:1,0\nDA:2,1\nDA:3,1\nDA:4,0\nend_of_record\n";

    @TempDir
    Path root;

    @TempDir
    Path reports;

    private PlanningWorkspace workspace;

    @BeforeEach
    void setUp() {
        CycleWorkspace.create(root, CYCLE.cycleId());
        workspace = CycleWorkspace.open(root, Instant.parse("2025-09-02T08:00:00Z"));
        workspace.create(CYCLE);
        for (CycleState state : List.of(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, CycleState.EXECUTED,
                CycleState.VALIDATED)) {
            assertThat(CycleWorkspace.advance(workspace, CYCLE, state).accepted()).as("advance to " + state).isTrue();
        }
    }

    @Test
    void twoImportedReportsOfOneSourceFileCountItOnceInTheKpiAndTheGateAlike() {
        importOutcomes(FIRST_RUN, SECOND_RUN);

        assertThat(kpi()).isEqualTo(75.0);
        assertThat(gateLinePct()).isEqualTo(75.0);
    }

    @Test
    void aHandPlacedReportBesideAnImportedOneCountsInTheKpiAsInTheGate() {
        // The KPIs read only what import stored; the gate every report below the outcomes directory.
        importOutcomes(FIRST_RUN);
        CycleWorkspace.write(root.resolve(WorkspaceLayout.DEFAULT.outcomesDir(CYCLE) + "/nightly/lcov.info"),
                SECOND_RUN + "SF:src/b.js\nDA:1,0\nend_of_record\n");

        assertThat(kpi()).isEqualTo(60.0);
        assertThat(gateLinePct()).isEqualTo(60.0);
    }

    @Test
    void aFileGivenAsTotalsAloneInTwoReportsFailsTheKpiAndTheGateRatherThanCountingTwice() {
        // Import refuses the second (below): placed by hand, the gate and the KPI still refuse it alike.
        importOutcomes("SF:src/a.js\nLF:10\nLH:6\nend_of_record\n");
        CycleWorkspace.write(root.resolve(WorkspaceLayout.DEFAULT.outcomesDir(CYCLE) + "/nightly/lcov.info"),
                "SF:./src/a.js\nLF:10\nLH:7\nend_of_record\n");

        assertThatThrownBy(this::kpi).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot be merged per source file");
        List<String> coverageFindings = gate().findings().stream().filter(f -> f.code().startsWith("coverage."))
                .map(f -> f.code() + " " + f.message()).toList();
        // One finding for the two records; not a second saying there is no report.
        assertThat(coverageFindings).singleElement().asString().startsWith("coverage.unreadable")
                .contains("cannot be merged per source file");
    }

    @Test
    void oneFileSpeltTwoWaysByTwoImportedReportsCountsOnceInTheKpiAndTheGateAlike() {
        // Two files before: 4 of 8 lines, 50 %.
        importOutcomes(FIRST_RUN.replace("SF:src/a.js", "SF:./src/a.js"), SECOND_RUN.replace("SF:src/a.js", "SF:src\\a.js"));

        assertThat(kpi()).isEqualTo(75.0);
        assertThat(gateLinePct()).isEqualTo(75.0);
    }

    @Test
    void importRefusesATotalsOnlyRecordOfAFileAStoredReportNamesStoringNothing() throws Exception {
        importOutcomes(FIRST_RUN);
        Path stored = root.resolve(WorkspaceLayout.DEFAULT.outcomesDir(CYCLE) + "/lcov");
        int events = workspace.status(CYCLE).history().size();

        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> importOutcomes("SF:./src/a.js\nLF:10\nLH:7\nend_of_record\n"));

        assertThat(refused).hasMessageStartingWith("nothing imported: src/a.js is in 2 unit coverage reports")
                .hasMessageContaining("gives its lines (LF/LH without a DA line for each) as totals");
        assertThat(refused.location()).hasValueSatisfying(at -> {
            assertThat(at.file()).isEqualTo(reports.resolve("run-0.info").toString().replace('\\', '/'));
            assertThat(at.line()).isEqualTo(1);
        });

        try (var files = Files.list(stored)) {
            assertThat(files.toList()).hasSize(1);
        }
        assertThat(workspace.status(CYCLE).history()).hasSize(events);
        assertThat(kpi()).isEqualTo(50.0);
    }

    @Test
    void importTakesATotalsOnlyRecordOfAFileNoOtherReportNames() {
        importOutcomes(FIRST_RUN);

        importOutcomes("SF:src/b.js\nLF:4\nLH:4\nend_of_record\n");

        assertThat(kpi()).isEqualTo(75.0);
        assertThat(gateLinePct()).isEqualTo(75.0);
    }

    @Test
    void importLeavesStoredReportsThatAlreadyCannotBeMergedToTheGate() {
        // Placed by hand, the pair cannot be merged; an unrelated import did not cause that and is taken.
        String outcomes = WorkspaceLayout.DEFAULT.outcomesDir(CYCLE);
        CycleWorkspace.write(root.resolve(outcomes + "/a/lcov.info"), "SF:src/a.js\nLF:10\nLH:6\nend_of_record\n");
        CycleWorkspace.write(root.resolve(outcomes + "/b/lcov.info"), "SF:src/a.js\nLF:10\nLH:7\nend_of_record\n");

        importOutcomes("SF:src/b.js\nDA:1,1\nend_of_record\n");

        assertThat(gate().findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo("coverage.unreadable"));
    }

    private double kpi() {
        DigestSummary digest = new DigestPublisher(workspace, WorkspaceLayout.DEFAULT, CoverageReader.STANDARD)
                .publish(CYCLE, Optional.empty()).summary();
        return digest.kpis().get("unit_coverage_pct").actual().orElseThrow();
    }

    private GateResult gate() {
        return new ParityCoverageGate().evaluate(new ArtifactGateContext(GateEnvironments.over(root,
                WorkspaceLayout.DEFAULT, workspace.rulebook()), CYCLE,
                Lifecycle.find(CycleState.EXECUTED, CycleState.VALIDATED).orElseThrow()));
    }

    @SuppressWarnings("unchecked")
    private double gateLinePct() {
        GateResult result = gate();
        Map<String, Map<String, Object>> coverage = (Map<String, Map<String, Object>>) result.evidence().get("coverage");
        return (Double) coverage.get("unit").get("line_pct");
    }

    private void importOutcomes(String... contents) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < contents.length; i++) {
            Path file = reports.resolve("run-" + i + ".info");
            CycleWorkspace.write(file, contents[i]);
            files.add(file);
        }
        Importers.of(workspace).importFiles(CYCLE, files);
    }
}
