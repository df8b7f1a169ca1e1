package dev.planning.engine.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import dev.planning.engine.fixtures.Plans;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * names16: a parent chain that loops, or an item enclosed by one of its own level or below, passed lint
 * and every gate (nothing read the hierarchy; parity walks parents but stops at a loop).
 */
class ParentChainLintTest {

    /** FE-12's plan with a story FE-5 between the epic FE-1 and the task FE-12. */
    private static final String WITH_STORY = Plans.FE_TASKS.replace("""
              - id: FE-12
                kind: task
                parent: FE-1
            """, """
              - id: FE-5
                kind: story
                parent: FE-1
                title: Card entry
              - id: FE-12
                kind: task
                parent: FE-5
            """);

    @TempDir
    Path workspace;

    private List<Finding> lint(String tasks, String code) {
        Plans.feWorkspace(workspace);
        Plans.write(workspace, Plans.TASKS_PATH, tasks);
        return WorkspaceLinter.withDefaultLayout().lint(workspace, Optional.empty(), Optional.empty()).findings()
                .stream().filter(f -> f.code().equals(code)).toList();
    }

    @Test
    void aParentChainThatLoopsIsReportedOnceAtItsFirstItemShowingTheLoop() {
        List<Finding> found = lint(WITH_STORY.replace("""
                kind: epic
                title: Checkout redesign
            """, """
                kind: epic
                parent: FE-12
                title: Checkout redesign
            """), LintCodes.REF_PARENT_CYCLE);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo("task FE-1: parents form a loop: FE-1 -> FE-12 -> FE-5 -> FE-1;"
                    + " none of them is enclosed by anything");
            assertThat(f.location()).contains(new SourceLocation(Plans.TASKS_PATH, 8, 13));
            assertThat(f.taskId()).contains("FE-1");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
        });
        // One mistake, one finding: the loop necessarily encloses an item by one of its level or below.
        assertThat(lint(WITH_STORY.replace("kind: epic\n    title", "kind: epic\n    parent: FE-12\n    title"),
                LintCodes.REF_PARENT_KIND)).isEmpty();
    }

    @Test
    void anEpicEnclosedByATaskAndAStoryByATaskAreReportedAtTheirParent() {
        List<Finding> found = lint(WITH_STORY.replace("""
                kind: epic
                title: Checkout redesign
            """, """
                kind: epic
                parent: FE-9
                title: Checkout redesign
            """) + """
              - id: FE-9
                title: Loose end
              - id: FE-6
                kind: story
                parent: FE-9
                title: Story under a task
            """, LintCodes.REF_PARENT_KIND);

        assertThat(found).extracting(Finding::message).containsExactly(
                "task FE-1: parent `FE-9` is a task; an epic is enclosed only by an epic",
                "task FE-6: parent `FE-9` is a task; a story is enclosed only by an epic or a story");
        assertThat(found.get(0).location()).contains(new SourceLocation(Plans.TASKS_PATH, 8, 13));
        assertThat(found).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
    }

    @Test
    void anEpicOverAStoryOverATaskAndAnEpicOverATaskHaveNoFinding() {
        assertThat(lint(WITH_STORY + """
              - id: FE-13
                parent: FE-1
                title: Straight under the epic
            """, LintCodes.REF_PARENT_CYCLE)).isEmpty();
        assertThat(lint(WITH_STORY, LintCodes.REF_PARENT_KIND)).isEmpty();
    }

    @Test
    void itemsNestWithinTheirLevelAnEpicUnderAnEpicAStoryUnderAStoryASubTaskUnderATask() {
        String nested = WITH_STORY + """
              - id: FE-20
                kind: epic
                parent: FE-1
                title: Sub-epic
              - id: FE-21
                kind: story
                parent: FE-5
                title: Sub-story
              - id: FE-22
                parent: FE-12
                title: Sub-task
            """;
        assertThat(lint(nested, LintCodes.REF_PARENT_KIND)).isEmpty();
        assertThat(lint(nested, LintCodes.REF_PARENT_CYCLE)).isEmpty();
    }
}
