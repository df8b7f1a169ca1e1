package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.InitResult;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.store.EventStore;
import dev.planning.engine.InMemoryEventStore;
import dev.planning.engine.Planning;
import dev.planning.engine.PlanningJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * javadoc28: the Java examples of planning-engine's Javadoc ({@code Planning}, {@code InMemoryEventStore},
 * {@code PlanningJson}), each a tagged region here, run ({@code JavadocExamplesTest} holds the Javadoc to them).
 */
class EngineJavadocExamplesTest {

    @TempDir
    Path temp;

    @Test
    void initScaffoldsTheCyclesPlanAndOpensIt() {
        Path dir = temp.resolve("ws");

        // tag::initjavadoc[]
        InitResult init = Planning.init(dir, new CycleRef("fe", "2025-09-02"));
        init.written().forEach(path -> System.out.println("created " + path));
        // end::initjavadoc[]

        assertThat(init.written()).contains("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");
        assertThat(init.cycle().state()).isEqualTo(CycleState.PLANNED);
        assertThat(dir.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl")).exists();
    }

    @Test
    void aWorkspaceScaffoldedWithALayoutIsOpenedWithIt() {
        Path dir = temp.resolve("ws");

        // tag::layoutjavadoc[]
        WorkspaceLayout plans = new WorkspaceLayout("plans", "policy");
        Planning.init(dir, plans, new CycleRef("fe", "2025-09-02"));      // plans/planning-fe/..., policy/
        PlanningWorkspace workspace = Planning.builder().workspace(dir).layout(plans).build();
        // end::layoutjavadoc[]

        assertThat(dir.resolve("plans/planning-fe")).isDirectory();
        assertThat(dir.resolve("policy/rulebook.yaml")).exists();
        assertThat(workspace.status(new CycleRef("fe", "2025-09-02")).state()).isEqualTo(CycleState.PLANNED);
    }

    @Test
    void aBuilderWithAStoreInitialisesTheCycleInThatStore() {
        Path dir = temp.resolve("ws");
        EventStore store = new InMemoryEventStore();

        // tag::builderinitjavadoc[]
        InitResult init = Planning.builder().workspace(dir).eventStore(store).triggeredBy("release-bot")
                .init(new CycleRef("fe", "2025-10-01"));
        // end::builderinitjavadoc[]

        assertThat(store.read(new CycleRef("fe", "2025-10-01"))).hasSize(1);
        assertThat(init.cycle().state()).isEqualTo(CycleState.PLANNED);
        assertThat(dir.resolve("frameworks/planning-fe/events")).doesNotExist();
    }

    @Test
    void aWorkspaceOnAnInMemoryStoreWritesNoEventLogFile() {
        Path dir = Examples.copy("fe-2025-09-02", temp.resolve("ws"));
        Path log = dir.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl");

        // tag::inmemoryjavadoc[]
        PlanningWorkspace ws = Planning.builder()
                .workspace(dir)
                .eventStore(new InMemoryEventStore())
                .build();
        // end::inmemoryjavadoc[]
        CycleRef cycle = new CycleRef("fe", "2025-09-02");

        assertThat(ws.advance(cycle, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        assertThat(ws.status(cycle).state()).isEqualTo(CycleState.READY_FOR_HANDOFF);
        assertThat(log).doesNotExist();
    }

    @Test
    void aRecordIsWrittenWithItsComponentsInOrder() {
        // tag::planningjsonjavadoc[]
        record Summary(String cycle, boolean passed, List<String> gates) {}
        String json = PlanningJson.write(new Summary("fe/2025-09-02", true, List.of("schema_lint")));
        // {
        //   "cycle" : "fe/2025-09-02",
        //   "passed" : true,
        //   "gates" : [ "schema_lint" ]
        // }
        // end::planningjsonjavadoc[]

        assertThat(json).isEqualTo("{\n  \"cycle\" : \"fe/2025-09-02\",\n  \"passed\" : true,\n  \"gates\" : [ \"schema_lint\" ]\n}");
    }

    @Test
    void aGateGivenToTheBuilderRunsWhereTheRulebooksProfileNamesIt() throws IOException {
        Path dir = Examples.copy("fe-2025-09-02", temp.resolve("ws"));
        Path rulebookFile = dir.resolve("rulebook/rulebook.yaml");
        Files.writeString(rulebookFile, Files.readString(rulebookFile, StandardCharsets.UTF_8).replace(
                "parity_coverage, governance]}", "parity_coverage, governance, my_gate]}"), StandardCharsets.UTF_8);

        // tag::builderjavadoc[]
        PlanningWorkspace workspace = Planning.builder()
                .workspace(dir)
                .rulebook(dir.resolve("rulebook"))     // the default
                .gate(new MyGate())                    // in addition to ServiceLoader-registered gates
                .triggeredBy("release-bot")
                .build();
        // end::builderjavadoc[]

        TransitionResult result = workspace.advance(new CycleRef("fe", "2025-09-02"), CycleState.READY_FOR_HANDOFF);
        assertThat(result.accepted()).isFalse();
        assertThat(result.failedGates()).extracting(GateResult::gate).containsExactly("my_gate");
    }

    /** A gate of one's own that refuses every plan. */
    private static final class MyGate implements Gate {
        @Override
        public String name() {
            return "my_gate";
        }

        @Override
        public GateResult evaluate(GateContext context) {
            return GateResult.of(name(), List.of(Finding.error("my_gate.refused", "refused")), Map.of());
        }
    }
}
