package dev.planning.rules.internal.gate;

import static dev.planning.rules.Inputs.goodTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.Contract;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.Severity;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.store.WorkspaceFiles;
import dev.planning.engine.fixtures.GateEnvironments;
import dev.planning.engine.internal.cycle.ArtifactGateContext;
import dev.planning.engine.internal.workspace.LayoutFiles;
import dev.planning.rules.Inputs;
import dev.planning.rules.TestRulebooks;
import dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
import dev.planning.testkit.gate.ForwardingGateContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GovernanceGateTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final String LOG = "frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml";

    @TempDir
    Path workspace;

    /**
     * Plans in memory; the waivers, contracts and files of the workspace on disk, read as the engine
     * reads them; judged by {@code clock}.
     */
    record Context(Path workspace, Rulebook rulebook, Optional<TaskBreakdown> tasks, List<GateResult> priorResults,
            Clock clock) implements GateContext {

        static final Clock DEFAULT_CLOCK = Clock.fixed(Instant.parse("2025-09-02T12:00:00Z"), ZoneOffset.UTC);

        Context(Path workspace, Rulebook rulebook, Optional<TaskBreakdown> tasks) {
            this(workspace, rulebook, tasks, List.of(), DEFAULT_CLOCK);
        }

        Context on(Clock other) {
            return new Context(workspace, rulebook, tasks, priorResults, other);
        }

        public CycleRef cycle() {
            return CYCLE;
        }

        public Transition transition() {
            return Lifecycle.find(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF).orElseThrow();
        }

        public Optional<StoryMap> storyMap() {
            return Optional.empty();
        }

        public Map<String, TaskBreakdown> otherStreams() {
            return Map.of();
        }

        public List<String> artifactPaths() {
            return List.of();
        }

        public WorkspaceFiles files() {
            return new LayoutFiles(workspace, WorkspaceLayout.DEFAULT);
        }

        public List<Waiver> waivers() {
            return onDisk().waivers();
        }

        public List<Contract> contracts() {
            return onDisk().contracts();
        }

        public Optional<byte[]> rulebookFile(String file) {
            return onDisk().rulebookFile(file);
        }

        private GateContext onDisk() {
            return new ArtifactGateContext(GateEnvironments.over(workspace, WorkspaceLayout.DEFAULT, rulebook, clock),
                    cycle(), transition());
        }
    }

    /** The gate, judging on {@code day} (the clock of the context it is given). */
    private Gate gateOn(String day) {
        Clock clock = Clock.fixed(Instant.parse(day + "T12:00:00Z"), ZoneOffset.UTC);
        GovernanceGate gate = new GovernanceGate(new DroolsGovernanceEngineFactory());
        return new Gate() {
            public String name() {
                return gate.name();
            }

            public GateResult evaluate(GateContext context) {
                return gate.evaluate(((Context) context).on(clock));
            }
        };
    }

    private GateContext context(Task... tasks) {
        return new Context(workspace, TestRulebooks.defaultRulebook(workspace.resolve("rulebook")),
                Optional.of(Inputs.plan(tasks)));
    }

    private void decisionLog(String yaml) throws IOException {
        Path file = workspace.resolve(LOG);
        Files.createDirectories(file.getParent());
        // Every decision log starts with its three header lines; test texts hold the rest.
        Files.writeString(file, "version: \"1.0\"\ncycle_id: \"2025-09-02\"\nstream: fe\n" + yaml);
    }

    @Test
    void failsOnAnUnwaivedCriticalViolationWithALocatedError() {
        SourceLocation at = new SourceLocation("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml", 9, 5);
        GateResult result = gateOn("2025-09-02").evaluate(context(goodTask("FE-3").owner(null).location(at).build()));

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.gate()).isEqualTo("governance");
        Finding finding = result.findings().get(0);
        assertThat(finding.code()).isEqualTo("governance.missing-owner");
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.message()).isEqualTo("FE-3 violates missing-owner: FE-3 has no owner; every item needs an accountable owner");
        assertThat(finding.location()).contains(at);
        assertThat(finding.taskId()).contains("FE-3");
        assertThat(result.evidence()).containsEntry("critical_violations", 1L)
                .containsKeys("rulebook_hash", "rules_fired", "input_digests", "waivers_used", "violations");
        assertThat(result.evidence().get("rules_fired")).isEqualTo(Map.of("missing-owner", 1));
    }

    @Test
    void passesWhenTheCriticalViolationIsWaivedAndRecordsTheWaiver() throws IOException {
        decisionLog("""
                decisions: [{id: D-1, summary: ship it}]
                waivers:
                  - {rule: missing-owner, item: FE-3, reason: owner joins Monday, approver: cto, expires: 2025-09-05}
                """);

        GateResult result = gateOn("2025-08-01").evaluate(context(goodTask("FE-3").owner(null).build()));

        assertThat(result.status()).isEqualTo(GateStatus.PASS);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.code()).isEqualTo("governance.waived");
            assertThat(f.message()).contains("waived until 2025-09-05 by cto: owner joins Monday");
        });
        assertThat((List<?>) result.evidence().get("waivers_used")).hasSize(1);
        assertThat(result.evidence()).containsEntry("decision_log_ref", LOG).containsEntry("critical_violations", 0L);
    }

    @Test
    void aWaiverExpiringWithinTheHorizonIsAWarningThatDoesNotBlock() throws IOException {
        decisionLog("""
                waivers:
                  - {rule: missing-owner, item: FE-3, reason: owner joins Monday, approver: cto, expires: 2025-09-05}
                """);

        var context = context(goodTask("FE-3").owner(null).build());
        GateResult result = gateOn("2025-09-02").evaluate(context);

        assertThat(result.status()).isEqualTo(GateStatus.WARN);
        assertThat(result.findings()).filteredOn(f -> f.code().equals(GovernanceGate.EXPIRING)).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.message()).isEqualTo("waiver of missing-owner for FE-3 expires in 3 days (2025-09-05);"
                            + " after that the violation it waives counts again");
                    assertThat(f.location().orElseThrow().file()).isEqualTo(LOG);
                    assertThat(f.facts()).containsEntry("days_left", "3").containsEntry("horizon_days", "14");
                });
        assertThat((List<?>) result.evidence().get("waivers_expiring")).hasSize(1);
        assertThat(gateOn("2025-08-21").evaluate(context).findings())
                .as("16 days ahead is beyond the default horizon of 14")
                .noneMatch(f -> f.code().equals(GovernanceGate.EXPIRING));
    }

    @Test
    void anExpiringWaiversComparedValuesComeInTheOrderItsMessageNamesThem() throws IOException {
        decisionLog("""
                waivers:
                  - {rule: missing-owner, item: FE-3, reason: owner joins Monday, approver: cto, expires: 2025-09-05}
                """);

        GateResult result = gateOn("2025-09-02").evaluate(context(goodTask("FE-3").owner(null).build()));

        // Map.of iterates in an order that changes from one JVM to the next: text, SARIF and JUnit differed run to run.
        assertThat(result.findings()).filteredOn(f -> f.code().equals(GovernanceGate.EXPIRING)).singleElement()
                .satisfies(f -> assertThat(f.facts().keySet()).containsExactly("expires", "days_left", "horizon_days"));
    }

    @Test
    void expiredWaiverFailsTheGateAndSaysItExpired() throws IOException {
        decisionLog("""
                waivers:
                  - {rule: missing-owner, item: FE-3, reason: owner joins Monday, approver: cto, expires: 2025-09-05}
                """);

        GateResult result = gateOn("2025-09-06").evaluate(context(goodTask("FE-3").owner(null).build()));

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).extracting(Finding::code)
                .containsExactly("governance.missing-owner", "governance.unused-waiver");
        assertThat(result.findings().get(1).message()).isEqualTo("waiver of missing-owner for FE-3 expired on 2025-09-05 and waives nothing");
    }

    @Test
    void anExpiredWaiverIsReportedAtTheDecisionLogThatHoldsIt() throws IOException {
        decisionLog("""
                waivers:
                  - {rule: missing-owner, item: FE-3, reason: owner joins Monday, approver: cto, expires: 2025-09-05}
                """);

        GateResult result = gateOn("2025-09-06").evaluate(context(goodTask("FE-3").owner(null).build()));

        assertThat(result.findings()).filteredOn(f -> f.code().equals("governance.unused-waiver")).singleElement()
                .satisfies(f -> assertThat(f.location().orElseThrow().file()).isEqualTo(LOG));
    }

    @Test
    void nonCriticalViolationsOnlyWarn() {
        GateResult result = gateOn("2025-09-02").evaluate(context(goodTask("FE-4").tags(Inputs.tags("criticality:2", "compliance:gdpr")).build()));

        assertThat(result.status()).isEqualTo(GateStatus.WARN);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("governance.gdpr-data-handling");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
        });
    }

    @Test
    void passesACleanPlan() {
        GateResult result = gateOn("2025-09-02").evaluate(context(goodTask("FE-1").build()));

        assertThat(result.status()).isEqualTo(GateStatus.PASS);
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void malformedDecisionLogIsALocatedError() throws IOException {
        decisionLog("""
                waivers:
                  - {rule: missing-owner, item: FE-3, reason: x, approver: cto, expires: next week}
                """);

        GateResult result = gateOn("2025-09-02").evaluate(context(goodTask("FE-1").build()));

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        Finding finding = result.findings().get(0);
        assertThat(finding.code()).isEqualTo("governance.decision-log");
        assertThat(finding.location()).get().satisfies(l -> {
            assertThat(l.file()).isEqualTo(LOG);
            assertThat(l.line()).isEqualTo(5);
        });
        assertThat(finding.message()).isEqualTo("waiver for FE-3: `expires` must be a date, YYYY-MM-DD (found \"next week\")");
    }

    @Test
    void waiverWithoutExpiryIsRejected() throws IOException {
        decisionLog("""
                waivers:
                  - rule: missing-owner
                    item: FE-3
                    reason: x
                    approver: cto
                """);

        GateResult result = gateOn("2025-09-02").evaluate(context(goodTask("FE-1").build()));

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings().get(0).message()).contains("expires");
        assertThat(result.findings().get(0).location()).get().extracting(SourceLocation::file).isEqualTo(LOG);
    }

    @Test
    void yamlSyntaxErrorInDecisionLogIsLocated() throws IOException {
        decisionLog("waivers: [ {rule: a\n");

        GateResult result = gateOn("2025-09-02").evaluate(context(goodTask("FE-1").build()));

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings().get(0).location()).get().satisfies(l -> assertThat(l.line()).isPositive());
    }

    @Test
    void missingPlanFails() {
        Context context = new Context(workspace, TestRulebooks.defaultRulebook(workspace.resolve("rulebook")), Optional.empty());

        GateResult result = gateOn("2025-09-02").evaluate(context);

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).extracting(Finding::code).containsExactly("governance.no-plan");
    }

    @Test
    void ruleCompileErrorIsReportedAtTheWorkspaceRelativeDrlFile() {
        Rulebook broken = TestRulebooks.withRules(workspace.resolve("rulebook"),
                Map.of("rules/bad.drl", "package x;\nrule \"r\" when\n  String( then end\n"), Map.of());

        GateResult result = gateOn("2025-09-02").evaluate(new Context(workspace, broken, Optional.of(Inputs.plan(goodTask("FE-1").build()))));

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings().get(0).code()).isEqualTo("governance.rulebook");
        assertThat(result.findings().get(0).location()).get().satisfies(l -> {
            assertThat(l.file()).isEqualTo("rulebook/rules/bad.drl");
            assertThat(l.line()).isEqualTo(3);
        });
    }

    @Test
    void runawayRulesFailTheGateWithTheEngineMessage() {
        Rulebook looping = TestRulebooks.withRules(workspace.resolve("rulebook"), Map.of("rules/loop.drl", """
                package x;
                import dev.planning.rules.facts.TaskFact;
                import dev.planning.rules.facts.ViolationFact;
                import dev.planning.rules.facts.Report;
                rule "seed" when $t : TaskFact() then insert(Report.violation(kcontext, $t, "seed")); end
                rule "again" when $v : ViolationFact() then insert(Report.violation(kcontext, $v.item(), "again")); end
                """), Map.of("max_rule_firings", 50.0));

        GateResult result = gateOn("2025-09-02").evaluate(new Context(workspace, looping, Optional.of(Inputs.plan(goodTask("FE-1").build()))));

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("governance.evaluation");
            assertThat(f.message()).startsWith("rules fired more than 50 times").contains("again (51)");
        });
    }

    /**
     * attack31: a consequence that threw (here a {@code null} message given to {@code Report.violation}) ended the
     * evaluation with Drools' {@code ConsequenceException}, which the gate let through: an internal error, not a
     * located finding. The gate fails, at the rule's file, naming the rule and what it threw.
     */
    @Test
    void aConsequenceThatThrowsFailsTheGateWithALocatedEvaluationFindingNamingTheRule() {
        Rulebook throwing = TestRulebooks.withRules(workspace.resolve("rulebook"), Map.of("rules/throws.drl", """
                package x;
                import dev.planning.rules.facts.TaskFact;
                import dev.planning.rules.facts.Report;
                rule "no-message" when $t : TaskFact() then insert(Report.violation(kcontext, $t, null)); end
                """), Map.of());

        GateResult result = gateOn("2025-09-02").evaluate(new Context(workspace, throwing,
                Optional.of(Inputs.plan(goodTask("FE-1").build()))));

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("governance.evaluation");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("rule 'no-message'").contains("NullPointerException: message")
                    .doesNotContain("ConsequenceException");
            // At the rule "name" line, in the workspace: Drools keeps no line at run time.
            assertThat(f.location()).contains(new SourceLocation("rulebook/rules/throws.drl", 4, 1));
        });
    }

    @Test
    void aConditionThatThrowsWhileMatchingFailsTheGateWithAnEvaluationFindingNamingTheConstraint() {
        // No criticality tag: the interpreter cannot add 0 to an unset value (attack31's case).
        Finding f = conditionFailure("""
                rule "unset-arithmetic" when $t : TaskFact(criticality + 0 < 1) then end
                """, Task.builder("FE-1", "Pay").owner("alice").build());

        assertThat(f.message()).contains("criticality + 0 < 1").contains("unset-arithmetic")
                .doesNotContain("ConstraintEvaluationException");
        assertThat(f.location()).contains(new SourceLocation("rulebook/rules/throws.drl", 4, 1));
    }

    @Test
    void aJoinConditionThatThrowsWhileMatchingFailsTheGateWithAnEvaluationFindingNotAnInternalError() {
        // attack34: the same unset arithmetic as above, in a join's constraint, escaped as a bare NullPointerException.
        Finding f = conditionFailure("""
                rule "unset-join" when TaskFact($e : approvals) TaskFact(criticality + 0 == $e) then end
                """, Task.builder("FE-1", "Pay").owner("alice").build());

        assertThat(f.message()).contains("NullPointerException");
    }

    @Test
    void aConditionMvelCannotCoerceWhileMatchingFailsTheGateWithAnEvaluationFindingNotAnInternalError() {
        // attack34: an int field against a literal beyond an int escaped as MVEL's bare CompileException.
        Finding f = conditionFailure("""
                rule "too-large" when TaskFact(approvals == 4294967297) then end
                """, goodTask("FE-1").build());

        assertThat(f.message()).contains("coerce");
    }

    /**
     * The one finding of a gate whose rulebook is {@code rule} (in {@code rules/throws.drl}, line 4) over a plan of
     * {@code task}: the gate fails with a {@code governance.evaluation} error saying a condition failed.
     */
    private Finding conditionFailure(String rule, Task task) {
        Rulebook throwing = TestRulebooks.withRules(workspace.resolve("rulebook"), Map.of("rules/throws.drl", """
                package x;
                import dev.planning.rules.facts.TaskFact;
                import dev.planning.rules.facts.Report;
                """ + rule), Map.of());

        GateResult result = gateOn("2025-09-02").evaluate(new Context(workspace, throwing,
                Optional.of(Inputs.plan(task))));

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).hasSize(1);
        Finding f = result.findings().get(0);
        assertThat(f.code()).isEqualTo("governance.evaluation");
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.message()).contains("condition failed while matching");
        return f;
    }

    /**
     * A third party's context over {@code full}: the required methods, and waivers only when asked;
     * contracts never.
     */
    private static GateContext thirdParty(GateContext full, boolean suppliesWaivers) {
        return new ForwardingGateContext(ForwardingGateContext.requiredOnly(full)) {
            @Override
            public Clock clock() {
                return Context.DEFAULT_CLOCK;
            }

            @Override
            public List<Waiver> waivers() {
                return suppliesWaivers ? List.of() : super.waivers();
            }

            @Override
            public Optional<byte[]> rulebookFile(String file) {
                return full.rulebookFile(file);
            }
        };
    }

    @Test
    void refusesAContextThatDoesNotSupplyWaivers() {
        GateContext context = thirdParty(context(goodTask("FE-1").build()), false);

        assertThatThrownBy(() -> new GovernanceGate(new DroolsGovernanceEngineFactory()).evaluate(context))
                .isInstanceOf(PlanningException.class).hasMessageContaining("GateContext.waivers()");
    }

    @Test
    void refusesAContextThatDoesNotSupplyContracts() {
        GateContext context = thirdParty(context(goodTask("FE-1").build()), true);

        assertThatThrownBy(() -> new GovernanceGate(new DroolsGovernanceEngineFactory()).evaluate(context))
                .isInstanceOf(PlanningException.class).hasMessageContaining("GateContext.contracts()");
    }

    @Test
    void isFoundThroughServiceLoader() {
        assertThat(ServiceLoader.load(Gate.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(g -> assertThat(g).isInstanceOf(GovernanceGate.class).extracting(Gate::name).isEqualTo("governance"));
    }
}
