package dev.planning.engine.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.gate.Finding;
import dev.planning.api.gate.LintReport;
import dev.planning.engine.fixtures.Plans;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractsAndCapacityLintTest {

    private static final String CONTRACTS = "frameworks/planning-fe/contracts/2025-09-02-contracts.yaml";
    private static final String CAPACITY = "frameworks/capacity.yaml";

    @TempDir
    Path workspace;

    private LintReport lint() {
        return WorkspaceLinter.withDefaultLayout().lint(workspace, Optional.empty(), Optional.empty());
    }

    @Test
    void checksValidContractsAndCapacityFilesWithoutFindings() {
        Plans.feWorkspace(workspace);
        Plans.write(workspace, CONTRACTS, """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                contracts:
                  - {provider: be, id: PLN-BE-001, status: agreed, owner: be-core, due: 2025-09-05}
                """);
        Plans.write(workspace, CAPACITY, """
                version: "1.0.0"
                owners: {alice: 13, bob: 8.5}
                teams:
                  checkout: {points_per_cycle: 30, members: [alice, bob]}
                """);

        LintReport report = lint();

        assertThat(report.findings()).isEmpty();
        assertThat(report.filesChecked()).contains(CONTRACTS, CAPACITY);
    }

    @Test
    void reportsContractProblemsAtTheirLines() {
        Plans.feWorkspace(workspace);
        Plans.write(workspace, CONTRACTS, """
                version: "1.0.0"
                cycle_id: "2025-09-03"
                stream: fe
                contracts:
                  - {provider: be, id: PLN-BE-001, status: agreed, owner: be-core}
                  - {provider: be, id: PLN-BE-001, status: stub, owner: be-core}
                  - {provider: fe, id: FE-1, status: stub, owner: me}
                  - {provider: be, id: PLN-BE-002, status: later}
                """);

        LintReport report = lint();

        assertThat(report.findings()).extracting(Finding::code, f -> f.location().orElseThrow().line())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LintCodes.CYCLE_MISMATCH, 2),
                        org.assertj.core.groups.Tuple.tuple(LintCodes.ID_DUPLICATE, 6),
                        org.assertj.core.groups.Tuple.tuple(LintCodes.CONTRACT_SELF, 7),
                        org.assertj.core.groups.Tuple.tuple(LintCodes.SCHEMA_REQUIRED, 8),
                        org.assertj.core.groups.Tuple.tuple(LintCodes.SCHEMA_ENUM, 8));
    }

    @Test
    void reportsANegativeCapacityAtItsLine() {
        Plans.feWorkspace(workspace);
        Plans.write(workspace, CAPACITY, "version: \"1.0.0\"\nowners:\n  alice: -3\n");

        assertThat(lint().findings()).singleElement().satisfies(f -> {
            assertThat(f.location().orElseThrow().file()).isEqualTo(CAPACITY);
            assertThat(f.location().orElseThrow().line()).isEqualTo(3);
        });
    }
}
