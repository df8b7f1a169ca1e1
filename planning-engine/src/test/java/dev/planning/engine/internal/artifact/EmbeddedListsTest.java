package dev.planning.engine.internal.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Task;
import dev.planning.api.governance.Waiver;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Task and waiver lists written inside another document (a rule test's {@code given}). */
class EmbeddedListsTest {

    private static LocatedDocument doc(String yaml) {
        return YamlDocuments.parse(yaml.getBytes(StandardCharsets.UTF_8), "tests/t.yaml");
    }

    @Test
    void tasksInsideAnotherDocumentAreValidatedAndLocatedInThatDocument() {
        LocatedDocument document = doc("""
                name: x
                given:
                  tasks:
                    - id: FE-1
                      title: Pay
                      tags: {criticality: 0}
                    - {id: FE-2, title: Refund, owner: bob}
                """);

        List<Task> tasks = new TaskBreakdownReader().readTasks(document, "/given/tasks").orThrow();

        assertThat(tasks).extracting(Task::id).containsExactly("FE-1", "FE-2");
        assertThat(tasks.get(0).tags().criticality()).hasValue(0);
        assertThat(tasks.get(0).location()).isEqualTo(new SourceLocation("tests/t.yaml", 4, 11));
        assertThat(tasks.get(1).location()).isEqualTo(new SourceLocation("tests/t.yaml", 7, 12));
    }

    @Test
    void anInvalidEmbeddedTaskIsAFindingAtItsPlace() {
        LocatedDocument document = doc("""
                given:
                  tasks:
                    - {id: FE-1, title: Pay, priority: P9}
                """);

        ReadResult<List<Task>> result = new TaskBreakdownReader().readTasks(document, "/given/tasks");

        assertThat(result.model()).isEmpty();
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.message()).startsWith("task FE-1: `priority` must be one of P0, P1, P2, P3");
            assertThat(f.location()).contains(new SourceLocation("tests/t.yaml", 3, 40));
        });
        assertThatThrownBy(result::orThrow).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("task FE-1: `priority` must be one of");
    }

    @Test
    void aMissingListIsEmptyAndAListOfTheWrongTypeIsAFinding() {
        assertThat(new TaskBreakdownReader().readTasks(doc("given: {}\n"), "/given/tasks").orThrow()).isEmpty();
        assertThat(new TaskBreakdownReader().readTasks(doc("given: {tasks: {id: A}}\n"), "/given/tasks").findings())
                .singleElement().satisfies(f -> assertThat(f.message()).contains("`tasks` must be"));
    }

    @Test
    void waiversInsideAnotherDocumentFollowTheDecisionLogSchema() {
        LocatedDocument document = doc("""
                given:
                  waivers:
                    - {rule: r, item: FE-1, reason: legacy, approver: cto, expires: 2025-12-31}
                """);

        List<Waiver> waivers = new DecisionLogReader().readWaivers(document, "/given/waivers").orThrow();

        assertThat(waivers).singleElement().satisfies(w -> {
            assertThat(w.rule()).isEqualTo("r");
            assertThat(w.expires()).hasToString("2025-12-31");
        });
        assertThatThrownBy(() -> new DecisionLogReader().readWaivers(doc("given:\n  waivers: [{rule: r, item: A}]\n"),
                "/given/waivers").orThrow())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("3 errors:")
                .hasMessageContaining("`reason` is required")
                .hasMessageContaining("`approver` is required")
                .hasMessageContaining("`expires` is required");
    }
}
