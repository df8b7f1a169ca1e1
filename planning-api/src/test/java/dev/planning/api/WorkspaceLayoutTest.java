package dev.planning.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.lifecycle.CycleRef;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * review24 noticed that a streams' root written {@code ./plans} or {@code plans/} makes every path the
 * layout names differ, as text, from the paths a git commit lists: the sealed set's completeness check
 * (attack23) then found no committed input to hold a seal to, and checked nothing. Such a root is refused
 * when the layout is made. The rulebook directory likewise: the seal's binding (bind25) compares its git
 * tree by that path, and {@code ./rulebook} names none, so the rulebooks would go uncompared.
 */
class WorkspaceLayoutTest {

    @ParameterizedTest
    @ValueSource(strings = {"./plans", "plans/", "/plans", "plans//x", "plans/./x", "..", "../plans", "plans/..", ".",
            "", "plans\\x", " plans", "pl\u00e4ne"})
    void aStreamsRootThatIsNotANormalisedRelativePathIsRefused(String root) {
        assertThatThrownBy(() -> new WorkspaceLayout(root, "rulebook"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streamsRoot must be a normalised relative path")
                .hasMessageContaining("'" + root + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"frameworks", "plans", "a/b", "my-plans/v1.2", ".plans", "plans..old"})
    void aNormalisedRelativeStreamsRootIsAccepted(String root) {
        WorkspaceLayout layout = new WorkspaceLayout(root, "policy");

        assertThat(layout.streamDir("fe")).isEqualTo(root + "/planning-fe");
    }

    @ParameterizedTest
    @ValueSource(strings = {"./rulebook", "rulebook/", "/rulebook", "rules//x", "rules/./x", "..", "../rulebook", ".",
            "", "rules\\x", " rulebook"})
    void aRulebookDirectoryThatIsNotANormalisedRelativePathIsRefused(String dir) {
        assertThatThrownBy(() -> new WorkspaceLayout("plans", dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rulebookDir must be a normalised relative path")
                .hasMessageContaining("'" + dir + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rulebook", "policy", "governance/rulebook", ".rules"})
    void aNormalisedRelativeRulebookDirectoryIsAccepted(String dir) {
        assertThat(new WorkspaceLayout("plans", dir).rulebookDir()).isEqualTo(dir);
    }

    /** status27: the files that make a cycle are exactly those whose cycle {@code cycleIdOf} tells. */
    @Test
    void everyPlanningFileOfACycleIsNamedForItAndNoOtherFileOfItIs() {
        WorkspaceLayout layout = new WorkspaceLayout("plans", "rulebook");
        CycleRef cycle = new CycleRef("fe", "2025-10-07");

        assertThat(layout.planningFiles(cycle)).containsExactly(layout.taskBreakdownCandidates(cycle).get(0),
                layout.taskBreakdownCandidates(cycle).get(1), layout.storyMap(cycle), layout.decisionLog(cycle))
                .allSatisfy(file -> assertThat(layout.cycleIdOf("fe", file)).contains("2025-10-07"));
        assertThat(List.of(layout.manifest(cycle), layout.digest(cycle), layout.eventLog(cycle),
                layout.contracts(cycle), layout.retrospective(cycle), layout.evidenceDir(cycle),
                layout.outcomesDir(cycle))).allSatisfy(file -> assertThat(layout.cycleIdOf("fe", file)).isEmpty());
    }
}
