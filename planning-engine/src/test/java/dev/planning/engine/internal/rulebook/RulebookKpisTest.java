package dev.planning.engine.internal.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.rulebook.KpiDefinition;
import dev.planning.api.rulebook.KpiDirection;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.internal.metrics.KpiInputCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulebookKpisTest {

    private static final String BASE = """
            version: "1.0.0"
            profiles:
              fe: []
            default_profile: fe
            kpis:
            """;

    @TempDir
    Path dir;

    private Rulebook load(String kpis) throws IOException {
        Files.writeString(dir.resolve("rulebook.yaml"), BASE + kpis);
        return RulebookLoader.load(dir);
    }

    @Test
    void readsKpiDefinitionsInOrder() throws IOException {
        Rulebook rulebook = load("""
                  - {name: plan_accuracy, formula: "done_tasks / planned_tasks * 100", inputs: [done_tasks, planned_tasks], unit: percent, target: 90, direction: higher_is_better, description: Delivered.}
                  - {name: unit_coverage_delta, formula: "coverage_unit_line_pct - prev_coverage_unit_line_pct", inputs: [coverage_unit_line_pct, prev_coverage_unit_line_pct], unit: percentage_points, direction: higher_is_better}
                """);

        assertThat(rulebook.kpis()).containsExactly(
                new KpiDefinition("plan_accuracy", "done_tasks / planned_tasks * 100", List.of("done_tasks", "planned_tasks"),
                        "percent", Optional.of(90.0), KpiDirection.HIGHER_IS_BETTER, "Delivered."),
                new KpiDefinition("unit_coverage_delta", "coverage_unit_line_pct - prev_coverage_unit_line_pct",
                        List.of("coverage_unit_line_pct", "prev_coverage_unit_line_pct"), "percentage_points",
                        Optional.empty(), KpiDirection.HIGHER_IS_BETTER, ""));
    }

    @Test
    void refusesAFormulaThatCallsAMethodAtItsLine() {
        assertThatThrownBy(() -> load("""
                  - {name: sneaky, formula: "done_tasks.getClass()", inputs: [done_tasks], unit: count, direction: higher_is_better}
                """))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("KPI 'sneaky'")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(6));
    }

    @Test
    void loadingForReadingLeavesTheFormulasUncompiledButEvaluatingOneStillRefusesIt() throws IOException {
        Files.writeString(dir.resolve("rulebook.yaml"), BASE + """
                  - {name: sneaky, formula: "done_tasks.getClass()", inputs: [done_tasks], unit: count, direction: higher_is_better}
                """);

        Rulebook forReading = RulebookLoader.loadForReading(dir, dir);

        assertThat(forReading.kpis()).extracting(KpiDefinition::name).containsExactly("sneaky");
        assertThatThrownBy(() -> new dev.planning.engine.internal.metrics.KpiEvaluator()
                .evaluate(forReading.kpis(), Map.of("done_tasks", 1.0)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("KPI 'sneaky'");
        assertThatThrownBy(() -> RulebookLoader.load(dir, dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("KPI 'sneaky'");
    }

    @Test
    void loadingForReadingStillValidatesTheSettingsAndTheKpisInputs() throws IOException {
        Files.writeString(dir.resolve("rulebook.yaml"), BASE + """
                  - {name: typo, formula: "done_taks", inputs: [done_taks], unit: count, direction: higher_is_better}
                """);

        assertThatThrownBy(() -> RulebookLoader.loadForReading(dir, dir))
                .hasMessageContaining("reads input 'done_taks', which is not a known KPI input");
        Files.writeString(dir.resolve("rulebook.yaml"), BASE + """
                  - {name: a, formula: "done_tasks", inputs: [done_tasks], unit: count, direction: up}
                """);
        assertThatThrownBy(() -> RulebookLoader.loadForReading(dir, dir))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("direction");
    }

    @Test
    void refusesAnUnknownInputNamingIt() {
        assertThatThrownBy(() -> load("""
                  - {name: typo, formula: "done_taks", inputs: [done_taks], unit: count, direction: higher_is_better}
                """))
                .hasMessageContaining("reads input 'done_taks', which is not a known KPI input");
    }

    @Test
    void refusesADuplicateKpiName() {
        String kpi = "  - {name: a, formula: \"done_tasks\", inputs: [done_tasks], unit: count, direction: higher_is_better}\n";
        assertThatThrownBy(() -> load(kpi + kpi)).hasMessageContaining("KPI 'a' is defined twice");
    }

    @Test
    void refusesAnUnknownDirectionThroughTheSchema() {
        assertThatThrownBy(() -> load("""
                  - {name: a, formula: "done_tasks", inputs: [done_tasks], unit: count, direction: up}
                """)).isInstanceOf(InvalidInputException.class).hasMessageContaining("direction");
    }

    @Test
    void theDefaultRulebookDefinesTheCatalogueWithDocumentedInputs() throws IOException {
        Rulebook defaults = RulebookLoader.load(Path.of("..", "planning-rules", "src", "main", "resources", "dev",
                "planning", "rules", "default-rulebook"));

        assertThat(defaults.kpis()).extracting(KpiDefinition::name).contains("plan_accuracy", "lead_time_days",
                "cycle_time_days", "unit_coverage_delta", "e2e_coverage_delta", "a11y_pass_rate", "defects_critical",
                "defect_escape_rate", "dependency_fulfillment_rate", "on_time_handoff_pct", "cross_stream_first_pass_pct",
                "scope_variance_pct", "critical_violations_count", "mean_time_to_green_hours", "gate_rerun_rate",
                "planning_velocity", "quality_gate_pass_rate", "handoff_success_rate", "deployment_frequency",
                "lead_time_for_changes_hours", "change_failure_rate", "failed_deployment_recovery_time_hours",
                "deployment_rework_rate");
        String docs = Files.readString(Path.of("..", "docs", "metrics.md"));
        KpiInputCatalog.INPUTS.forEach(input -> assertThat(docs).as(input.name()).contains("| `" + input.name() + "` |"));
    }
}
