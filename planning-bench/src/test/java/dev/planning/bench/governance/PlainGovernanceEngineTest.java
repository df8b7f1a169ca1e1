package dev.planning.bench.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Tags;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.bench.workload.WorkloadGenerator;
import dev.planning.bench.workload.WorkloadSpec;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import dev.planning.rules.internal.defaults.DefaultRulebook;
import dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainGovernanceEngineTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 1, 5);
    private static final CycleRef CYCLE = new CycleRef("fe", "2026-01-05");

    @TempDir
    static Path temp;

    private static Rulebook rulebook;

    @BeforeAll
    static void defaultRulebook() {
        DefaultRulebook.copyTo(temp.resolve("rulebook"));
        rulebook = RulebookLoader.load(temp.resolve("rulebook"));
    }

    /** A 6,000-task parity run (seconds): the full build runs it; the fast set keeps the one below. */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    @org.junit.jupiter.api.Tag("workload")
    void decidesLikeDroolsOnTheSyntheticWorkload() {
        Map<String, TaskBreakdown> plans = WorkloadGenerator.plans(WorkloadSpec.of(6_000, 4), 0);
        GovernanceInput input = new GovernanceInput(CYCLE, plans.get("fe"),
                Optional.of(WorkloadGenerator.storyMap(WorkloadSpec.of(6_000, 4), 0, "fe")),
                Map.of("be", plans.get("be"), "design", plans.get("design")), List.of(), List.of(), TODAY);

        GovernanceDecision plain = new PlainGovernanceEngine(rulebook).evaluate(input);

        assertThat(plain.violations()).isNotEmpty();
        assertThat(plain.criticalCount()).isZero();
        assertThat(plain).isEqualTo(drools(input));
    }

    @Test
    void decidesLikeDroolsWhenEveryPolicyIsBrokenAndOneViolationIsWaived() {
        Task critical = Task.builder("FE-1", "Critical without controls")
                .tags(tags("criticality:0", "compliance:sox")).owner("ann").build();
        Task approvedOnce = Task.builder("FE-2", "Critical with one approval")
                .tags(tags("criticality:0", "compliance:gdpr")).owner("bob").acceptanceCriteria(List.of("works"))
                .controls(new Controls(List.of("pm"), Optional.of("ARB-1"), Optional.empty(), Optional.of("undo"),
                        Optional.of("standard"), true, Optional.empty()))
                .build();
        Task untagged = Task.builder("FE-3", "No owner, no tags, odd values")
                .tags(tags("criticality:9", "data_classification:secret"))
                .dependencies(List.of(TaskRef.parse("be:BE-404"), TaskRef.parse("ops:OPS-1")))
                .build();
        TaskBreakdown plan = new TaskBreakdown("1.0.0", CYCLE.cycleId(), "fe", Optional.empty(),
                List.of(critical, approvedOnce, untagged), "plan.yaml");
        TaskBreakdown backend = new TaskBreakdown("1.0.0", CYCLE.cycleId(), "be", Optional.empty(),
                List.of(Task.builder("BE-1", "exists").build()), "be.yaml");
        List<Waiver> waivers = List.of(
                new Waiver("critical-rollback-plan", "FE-1", "rollback is a redeploy", "cto", TODAY.plusDays(3)),
                new Waiver("missing-owner", "FE-3", "expired", "cto", TODAY.minusDays(1)),
                new Waiver("sox-audit-trail", "FE-99", "matches nothing", "cto", TODAY.plusDays(3)));
        GovernanceInput input = new GovernanceInput(CYCLE, plan, Optional.empty(), Map.of("be", backend), List.of(),
                waivers, TODAY);

        GovernanceDecision plain = new PlainGovernanceEngine(rulebook).evaluate(input);

        assertThat(plain.violations()).extracting(v -> v.rule() + "@" + v.item()).contains(
                "critical-approvals@FE-1", "critical-approvals@FE-2", "critical-review-board@FE-1",
                "critical-emergency-contact@FE-2", "critical-acceptance-criteria@FE-1", "sox-audit-trail@FE-1",
                "sox-change-freeze@FE-1", "gdpr-data-handling@FE-2", "missing-owner@FE-3", "required-tags@FE-3",
                "allowed-tag-values@FE-3", "cross-stream-contract@FE-3");
        assertThat(plain.waived()).extracting(v -> v.rule() + "@" + v.item()).containsExactly("critical-rollback-plan@FE-1");
        assertThat(plain.unusedWaivers()).hasSize(2);
        // Explanations included: each violation carries its fix hint and the values compared.
        assertThat(plain.violations()).allSatisfy(v -> {
            assertThat(v.hint()).isPresent();
            assertThat(v.facts()).isNotEmpty();
        });
        assertThat(plain).isEqualTo(drools(input));
    }

    private static GovernanceDecision drools(GovernanceInput input) {
        return new DroolsGovernanceEngineFactory().create(rulebook).evaluate(input);
    }

    private static Tags tags(String... values) {
        return new Tags(Arrays.stream(values).map(Tag::parse).toList());
    }
}
