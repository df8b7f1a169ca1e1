package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.engine.fixtures.Gates;
import dev.planning.engine.fixtures.Plans;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
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
        return Gates.of(name, context -> GateResult.of(name, List.of(), evidence.apply(context)));
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

    private static GateResult judgedAlone(PlanningWorkspace ws) {
        return ws.dryRun(CYCLE, CycleState.READY_FOR_HANDOFF).get(0);
    }

    @Test
    void evidenceHoldingAnObjectThatIsNoJsonValueFailsTheGateNamingWhereAndWhatItIs() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("ok", List.of(1, "two", true));
        nested.put("thread", new Thread("evidence"));
        Gate first = gate("first", context -> Map.of("runs", List.of(Map.of("at", nested))));

        GateResult result = judgedAlone(workspace(first, Gates.passing("second")));

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.evidence()).isEmpty();
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("gate.crashed");
            assertThat(f.message()).contains("gate first crashed: ").contains("InvalidEvidenceException")
                    .contains("evidence.runs[0].at.thread").contains("java.lang.Thread")
                    .contains("not a JSON value (a string, number, boolean, null, or a list or string-keyed map");
        });
    }

    @Test
    void advanceWritesNoEvidenceThatIsNotJsonAndRefusesTheMove() throws IOException {
        Gate first = gate("first", context -> Map.of("thread", new Thread("evidence")));

        TransitionResult advanced = workspace(first, Gates.passing("second")).advance(CYCLE, CycleState.READY_FOR_HANDOFF);

        assertThat(advanced.accepted()).isFalse();
        try (Stream<Path> files = Files.walk(workspace.resolve("frameworks/planning-fe/evidence"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString())
                        .doesNotContain("stackTrace").doesNotContain("contextClassLoader");
            }
        }
    }

    @Test
    void numbersThatAreNotJsonNumbersAndKeysThatAreNotTextFailTheGate() {
        for (Object value : List.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                new AtomicLong(1), new byte[] {1}, new String[] {"a"}, Optional.of("x"),
                Map.of(1, "one"), 'c')) {
            Gate first = gate("first", context -> Map.of("value", value));

            GateResult result = judgedAlone(workspace(first, Gates.passing("second")));

            assertThat(result.status()).as(String.valueOf(value)).isEqualTo(GateStatus.FAIL);
            assertThat(result.findings()).singleElement().extracting(Finding::message).asString()
                    .as(String.valueOf(value)).contains("InvalidEvidenceException").contains("evidence.value");
        }
    }

    @Test
    void evidenceNestedDeeperThanTheBoundIsRefused() {
        Object deep = "leaf";
        for (int i = 0; i < GateResult.MAX_EVIDENCE_DEPTH; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        Gate first = gate("first", context -> Map.of("deep", tooDeep));

        GateResult result = judgedAlone(workspace(first, Gates.passing("second")));

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).singleElement().extracting(Finding::message).asString()
                .contains("nests deeper than " + GateResult.MAX_EVIDENCE_DEPTH + " levels");
    }

    @Test
    void jsonValuesOfEveryKindPassAsGiven() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("text", "a");
        values.put("int", 1);
        values.put("long", Long.MAX_VALUE);
        values.put("decimal", new BigDecimal("0.1"));
        values.put("big", BigInteger.TEN.pow(30));
        values.put("double", 2.5d);
        values.put("flag", true);
        values.put("nothing", null);
        values.put("list", List.of(List.of(), Map.of("k", 1)));
        Object deep = "leaf";
        for (int i = 0; i < GateResult.MAX_EVIDENCE_DEPTH - 1; i++) {
            deep = List.of(deep);
        }
        values.put("deep", deep);
        Gate first = gate("first", context -> values);

        GateResult result = judgedAlone(workspace(first, Gates.passing("second")));

        assertThat(result.status()).isEqualTo(GateStatus.PASS);
        assertThat(result.evidence()).containsOnlyKeys(values.keySet());
    }
}
