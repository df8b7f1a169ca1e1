package dev.planning.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.Planning;
import dev.planning.engine.internal.artifact.TaskBreakdownReader;
import dev.planning.engine.internal.artifact.TaskBreakdownWriter;
import dev.planning.engine.internal.document.YamlDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadGeneratorTest {

    private static final WorkspaceLayout LAYOUT = WorkspaceLayout.DEFAULT;

    @TempDir
    Path temp;

    @Test
    void sameSpecWritesTheSameBytes() throws IOException {
        WorkloadSpec spec = WorkloadSpec.of(900, 7).withMaxTasksPerPlan(150);
        WorkloadGenerator.write(temp.resolve("a"), spec);
        WorkloadGenerator.write(temp.resolve("b"), spec);

        Map<String, byte[]> a = files(temp.resolve("a"));
        assertThat(a).hasSizeGreaterThan(6);
        Map<String, byte[]> b = files(temp.resolve("b"));
        assertThat(b.keySet()).isEqualTo(a.keySet());
        a.forEach((path, bytes) -> assertThat(b.get(path)).as(path).isEqualTo(bytes));
    }

    @Test
    void anotherSeedWritesAnotherPlan() throws IOException {
        WorkloadGenerator.write(temp.resolve("a"), WorkloadSpec.of(300, 1));
        WorkloadGenerator.write(temp.resolve("b"), WorkloadSpec.of(300, 2));
        String plan = LAYOUT.taskBreakdown(new CycleRef("fe", "2026-01-05"));

        assertThat(Files.readString(temp.resolve("a").resolve(plan)))
                .isNotEqualTo(Files.readString(temp.resolve("b").resolve(plan)));
    }

    @Test
    void spreadsTasksOverStreamsAndCyclesCappedPerPlan() {
        Workload workload = WorkloadGenerator.write(temp, WorkloadSpec.of(1_000, 3).withMaxTasksPerPlan(150));

        assertThat(workload.cycles()).hasSize(3 * 3);
        assertThat(workload.cycles()).extracting(CycleRef::stream).containsOnly("fe", "be", "design");
        List<TaskBreakdown> plans = plans(workload);
        assertThat(plans).allSatisfy(p -> assertThat(p.tasks()).hasSizeBetween(110, 112));
        assertThat(plans.stream().mapToInt(p -> p.tasks().size()).sum()).isEqualTo(1_000);
    }

    @Test
    void generatedWorkspaceLintsClean() {
        Workload workload = WorkloadGenerator.write(temp, WorkloadSpec.of(600, 11).withMaxTasksPerPlan(100));
        PlanningWorkspace workspace = Planning.builder().workspace(workload.root()).build();

        LintReport report = workspace.lint();

        assertThat(report.findings()).isEmpty();
        assertThat(workspace.cycles()).containsExactlyInAnyOrderElementsOf(workload.cycles());
    }

    @Test
    void everyReadyForHandoffGatePasses() {
        Workload workload = WorkloadGenerator.write(temp, WorkloadSpec.of(900, 5));
        PlanningWorkspace workspace = Planning.builder().workspace(workload.root()).build();

        for (CycleRef cycle : workload.cycles()) {
            List<GateResult> results = workspace.dryRun(cycle, CycleState.READY_FOR_HANDOFF);
            assertThat(results).isNotEmpty();
            assertThat(results).as(cycle.toString()).allSatisfy(r -> assertThat(r.passed())
                    .as(r.gate() + ": " + r.findings()).isTrue());
        }
    }

    @Test
    void dependenciesAreAboutTwoPerTaskTenPercentCrossStreamAndNeverDueLater() {
        Workload workload = WorkloadGenerator.write(temp, WorkloadSpec.of(3_000, 9));
        Map<String, Task> byRef = new HashMap<>();
        List<TaskBreakdown> plans = plans(workload);
        plans.forEach(p -> p.tasks().forEach(t -> byRef.put(p.stream() + ":" + t.id(), t)));

        long dependencies = 0;
        long crossStream = 0;
        for (TaskBreakdown plan : plans) {
            for (Task task : plan.tasks()) {
                for (TaskRef ref : task.dependencies()) {
                    dependencies++;
                    crossStream += ref.isCrossStream() ? 1 : 0;
                    Task needed = byRef.get(ref.stream().orElse(plan.stream()) + ":" + ref.id());
                    assertThat(needed).as("%s of %s resolves", ref, task.id()).isNotNull();
                    assertThat(needed.due().orElseThrow()).as("%s is due before %s", ref, task.id())
                            .isBefore(task.due().orElseThrow());
                }
            }
        }
        assertThat((double) dependencies / 3_000).isBetween(1.8, 2.2);
        assertThat((double) crossStream / dependencies).isBetween(0.07, 0.13);
    }

    @Test
    void aFullSizePlanStaysWellUnderTheEngineFileLimit() {
        WorkloadSpec spec = WorkloadSpec.of(3 * WorkloadSpec.DEFAULT_MAX_TASKS_PER_PLAN, 1);
        CycleRef cycle = new CycleRef("design", "2026-01-05");
        var shape = new WorkloadGenerator.PlanShape(spec, 0, 2);

        String yaml = TaskBreakdownWriter.toYaml(WorkloadGenerator.plan(spec, shape, cycle));

        assertThat(shape.size()).isEqualTo(WorkloadSpec.DEFAULT_MAX_TASKS_PER_PLAN);
        assertThat(yaml.getBytes(StandardCharsets.UTF_8).length).isLessThan(YamlDocuments.MAX_BYTES / 4);
    }

    @Test
    void refusesADirectoryThatHasFiles() throws IOException {
        Files.writeString(temp.resolve("keep.txt"), "mine");

        assertThatThrownBy(() -> WorkloadGenerator.write(temp, WorkloadSpec.of(30, 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty or new directory");
        assertThat(Files.readString(temp.resolve("keep.txt"))).isEqualTo("mine");
    }

    @Test
    void refusesSpecsThatCannotBeGenerated() {
        assertThatThrownBy(() -> WorkloadSpec.of(2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one task per stream");
        assertThatThrownBy(() -> WorkloadSpec.of(100, 1).withMaxTasksPerPlan(5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<TaskBreakdown> plans(Workload workload) {
        TaskBreakdownReader reader = new TaskBreakdownReader();
        return workload.cycles().stream()
                .map(c -> reader.read(workload.root().resolve(LAYOUT.taskBreakdown(c)), LAYOUT.taskBreakdown(c))
                        .model().orElseThrow())
                .toList();
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
