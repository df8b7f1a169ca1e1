package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.fixtures.Plans;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * attack26: a plug-in gate (trusted code, but code with bugs) changes neither what the gates after it are given
 * nor, through its evidence, what the engine writes beyond the JSON values the SPI asks for.
 */
class PluginGateAttackTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path workspace;

    private PlanningWorkspace workspace(Gate... gates) {
        Plans.write(workspace, "rulebook/rulebook.yaml", """
                version: "1.0.0"
                profiles:
                  fe:
                    - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [first, second]}
                default_profile: fe
                """);
        Plans.feWorkspace(workspace);
        Planning.Builder builder = Planning.builder().workspace(workspace);
        for (Gate gate : gates) {
            builder.gate(gate);
        }
        return builder.build();
    }

    private static Gate gate(String name, Function<GateContext, Map<String, Object>> evidence) {
        return new Gate() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public GateResult evaluate(GateContext context) {
                return GateResult.of(name, List.of(), evidence.apply(context));
            }
        };
    }

    @Test
    void aGateCannotChangeTheOtherStreamsOrArtifactPathsTheNextGateIsGiven() {
        List<String> refused = new ArrayList<>();
        Gate first = gate("first", context -> {
            try {
                context.otherStreams().put("zz", context.tasks().orElseThrow());
            } catch (UnsupportedOperationException e) {
                refused.add("otherStreams");
            }
            try {
                context.artifactPaths().add("frameworks/planning-zz/tasks/elsewhere.yaml");
            } catch (UnsupportedOperationException e) {
                refused.add("artifactPaths");
            }
            return Map.of();
        });
        Gate second = gate("second", context -> Map.of("streams", List.copyOf(context.otherStreams().keySet()),
                "artifacts", List.copyOf(context.artifactPaths())));

        List<GateResult> results = workspace(first, second).dryRun(CYCLE, CycleState.READY_FOR_HANDOFF);

        assertThat(refused).containsExactly("otherStreams", "artifactPaths");
        assertThat(results.get(1).evidence().get("streams")).asInstanceOf(InstanceOfAssertFactories.LIST).doesNotContain("zz");
        assertThat(results.get(1).evidence().get("artifacts")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .doesNotContain("frameworks/planning-zz/tasks/elsewhere.yaml").contains(Plans.TASKS_PATH);
    }
}
