package dev.planning.engine.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.LintReport;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.testkit.gate.GateContextFixture;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code schema_lint} on the test kit's context: no workspace on disk, the lint given in code. */
class SchemaLintGateOnFixtureTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final String PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";

    @Test
    void turnsTheContextsLintIntoFindingsAndEvidence() {
        Finding dangling = Finding.error("ref.dangling", "FE-12 depends on FE-99, which is not a task",
                new SourceLocation(PLAN, 21, 7));
        Finding ambiguous = new Finding("file.ambiguous", Severity.WARNING, "two plans", Optional.of(
                SourceLocation.ofFile(PLAN)), Optional.empty());
        LintReport lint = new LintReport(List.of(PLAN), List.of(dangling, ambiguous));

        GateResult result = new SchemaLintGate().evaluate(GateContextFixture.builder(FE).lint(lint).build());

        assertThat(Files.exists(GateContextFixture.DEFAULT_WORKSPACE)).isFalse();
        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).containsExactly(dangling, ambiguous);
        assertThat(result.evidence()).containsEntry("files_checked", List.of(PLAN)).containsEntry("errors", 1L)
                .containsEntry("warnings", 1L).containsEntry("codes", Map.of("ref.dangling", 1, "file.ambiguous", 1));
    }

    @Test
    void passesACleanLint() {
        GateResult result = new SchemaLintGate().evaluate(GateContextFixture.builder(FE)
                .lint(new LintReport(List.of(PLAN), List.of())).build());

        assertThat(result.status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void refusesAContextThatDoesNotLint() {
        assertThatThrownBy(() -> new SchemaLintGate().evaluate(GateContextFixture.builder(FE).build()))
                .isInstanceOf(PlanningException.class).hasMessageContaining("GateContext.lint()");
    }
}
