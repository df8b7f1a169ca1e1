package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.GateResult;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.governance.GovernanceEngineFactory;
import dev.planning.api.governance.Violation;
import dev.planning.api.governance.ViolationSeverity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.Planning;
import dev.planning.rules.GovernanceGates;
import dev.planning.rules.impact.RulebookImpact;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * javadoc28: the Java examples of planning-rules' Javadoc on a workspace ({@code RulebookImpact}, {@code GovernanceGates}),
 * each a tagged region here, run on a copy of the {@code fe-2025-09-02} example ({@code JavadocExamplesTest} holds the
 * Javadoc to them).
 */
class RulebookImpactJavadocExamplesTest {

    /** A rule that makes every task of a plan a Critical violation. */
    private static final String BLOCK_EVERYTHING = """

            rule "no-task-passes"
                @severity(CRITICAL)
            when
                $t : TaskFact()
            then
                insert(Report.violation(kcontext, $t, $t.id() + " is blocked"));
            end
            """;

    @TempDir
    Path temp;

    @Test
    void aRuleThatBlocksEveryTaskBlocksTheCycleThatPassesToday() throws IOException {
        Path workspace = Examples.copy("fe-2025-09-02", temp.resolve("ws"));
        Path baseRulebookDir = WorkspaceCopies.copy(workspace.resolve("rulebook"), temp.resolve("base"));
        blockEverything(workspace.resolve("rulebook"));

        // tag::impactjavadoc[]
        RulebookImpact impact = RulebookImpact.compare(workspace, baseRulebookDir, workspace.resolve("rulebook"), Clock.systemUTC());
        boolean refuseTheChange = impact.blocksNew();   // a cycle that passes governance today would be blocked
        // or with the base read from git: RulebookImpact.compareWithRevision(workspace, "origin/main", headDir, clock)
        // end::impactjavadoc[]

        assertThat(refuseTheChange).isTrue();
    }

    @Test
    void theImpactOfAHeadRulebookOnTheRevisionIsShownAsMarkdownAndJson() throws IOException {
        Path workspace = Examples.committed(Examples.copy("fe-2025-09-02", temp.resolve("ws")));
        try (Git git = Git.open(workspace.toFile())) {
            RefUpdate origin = git.getRepository().updateRef("refs/remotes/origin/main");
            origin.setNewObjectId(git.getRepository().resolve("HEAD"));
            assertThat(origin.update()).isEqualTo(RefUpdate.Result.NEW);
        }
        Path headDir = blockEverything(workspace.resolve("rulebook"));   // changed after the commit origin/main names
        Clock clock = Clock.systemUTC();

        // tag::impactmarkdownjavadoc[]
        RulebookImpact impact = RulebookImpact.compareWithRevision(workspace, "origin/main", headDir, clock);
        String comment = impact.markdown("origin/main", "rulebook");
        // end::impactmarkdownjavadoc[]
        // tag::impactjsonjavadoc[]
        String json = impact.json("origin/main", "rulebook");
        // end::impactjsonjavadoc[]

        assertThat(comment).contains("BLOCKS").contains("no-task-passes");
        assertThat(json).contains("\"blocks_new\" : true").contains("no-task-passes");
    }

    @Test
    void theGovernanceGateJudgesWithTheEngineGiven() {
        Path dir = Examples.copy("fe-2025-09-02", temp.resolve("ws"));

        // tag::governancegatesjavadoc[]
        PlanningWorkspace workspace = Planning.builder()
                .workspace(dir)
                .gate(GovernanceGates.withEngine(new MyEngineFactory()))   // replaces the registered governance gate
                .build();
        // end::governancegatesjavadoc[]

        TransitionResult result = workspace.advance(new CycleRef("fe", "2025-09-02"), CycleState.READY_FOR_HANDOFF);
        assertThat(result.accepted()).isFalse();
        assertThat(result.failedGates()).extracting(GateResult::gate).containsExactly("governance");
        assertThat(result.failedGates().get(0).findings()).anySatisfy(f -> assertThat(f.message()).contains("my-policy"));
    }

    private static Path blockEverything(Path rulebook) throws IOException {
        Files.writeString(rulebook.resolve("rules/hygiene.drl"), BLOCK_EVERYTHING, StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        return rulebook;
    }

    /** An engine of one's own: every task of the plan breaks {@code my-policy}, a Critical violation. */
    private static final class MyEngineFactory implements GovernanceEngineFactory {
        @Override
        public GovernanceEngine create(Rulebook rulebook) {
            return input -> new GovernanceDecision(rulebook.hash(), input.tasks().tasks().stream()
                    .map(t -> new Violation("my-policy", t.id(), ViolationSeverity.CRITICAL, "my-policy: " + t.id(),
                            Map.of(), Optional.empty()))
                    .toList(), List.of(), List.of(), Map.of("my-policy", input.tasks().tasks().size()), Map.of());
        }
    }
}
