package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.InitResult;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.store.EventStore;
import dev.planning.engine.InMemoryEventStore;
import dev.planning.engine.Planning;
import dev.planning.engine.PlanningJson;
import java.nio.file.Path;
import java.util.List;
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
}
