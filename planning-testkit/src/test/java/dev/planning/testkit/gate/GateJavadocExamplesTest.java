package dev.planning.testkit.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskStatus;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.outcome.CoverageOutcome;
import dev.planning.api.outcome.CoverageTotal;
import dev.planning.api.outcome.CycleOutcomes;
import dev.planning.api.outcome.OutcomeKind;
import dev.planning.api.outcome.TestOutcome;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.rulebook.TagTaxonomy;
import dev.planning.api.store.ArtifactKind;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * javadoc28: the Java examples of planning-api's Javadoc that a gate writes against its {@link GateContext}
 * ({@code Gate}, {@code GateContext}, {@code CycleOutcomes}, {@code CoverageOutcomes}, {@code TestOutcome},
 * {@code TagTaxonomy}, {@code WorkspaceFiles}), each a tagged region here, run on a {@link GateContextFixture}
 * ({@code JavadocExamplesTest} holds the Javadoc to them).
 */
class GateJavadocExamplesTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final String DECISION_LOG = "frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml";

    @Test
    void theOwnersGateFindsTheTaskWithoutAnOwnerAndCountsEveryTask() {
        GateContext context = GateContextFixture.builder(CYCLE)
                .tasks(Task.builder("FE-1", "Checkout").owner("alice").build(), Task.builder("FE-2", "Cart").build())
                .build();

        GateResult result = new OwnersPresentGate().evaluate(context);

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).extracting(f -> f.taskId().orElseThrow()).containsExactly("FE-2");
        assertThat(result.evidence()).containsEntry("tasks_checked", 2);
    }

    @Test
    void theWaiverGateFindsTheExpiredWaiverAtTheDecisionLog() {
        GateContext context = GateContextFixture.builder(CYCLE).today(LocalDate.of(2025, 9, 10))
                .waivers(new Waiver("p0.no-due-date", "FE-1", "agreed", "lead", LocalDate.of(2025, 9, 9)),
                        new Waiver("max-estimate", "FE-2", "split", "lead", LocalDate.of(2025, 9, 30)))
                .build();

        GateResult result = new WaiverExpiryGate().evaluate(context);

        assertThat(result.findings()).extracting(Finding::message).containsExactly("p0.no-due-date on FE-1");
        assertThat(result.findings().get(0).location()).contains(SourceLocation.ofFile(DECISION_LOG));
    }

    @Test
    void aContextServingItsRulebookFromMemoryHandsOutACopy() {
        StoredRulesContext context = new StoredRulesContext(GateContextFixture.builder(CYCLE).build(),
                Map.of("rules/critical.drl", "rule x".getBytes(StandardCharsets.UTF_8)));

        context.rulebookFile("rules/critical.drl").orElseThrow()[0] = 'X';

        assertThat(context.rulebookFile("rules/critical.drl")).hasValueSatisfying(bytes ->
                assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("rule x"));
        assertThat(context.rulebookFile("rules/other.drl")).isEmpty();
    }

    @Test
    void aTaskIsDeliveredWhenDoneOrDeployed() {
        GateContext context = GateContextFixture.builder(CYCLE).deployed("FE-2").build();

        assertThat(delivered(context, Task.builder("FE-1", "a").status(TaskStatus.DONE).build())).isTrue();
        assertThat(delivered(context, Task.builder("FE-2", "b").build())).isTrue();
        assertThat(delivered(context, Task.builder("FE-3", "c").build())).isFalse();
    }

    @Test
    void theLineCoverageIsTheMergedTotalsPercentageNotTheReportsSum() {
        String dir = "frameworks/planning-fe/outcomes/2025-09-02/";
        GateContext context = GateContextFixture.builder(CYCLE)   // two reports of one source file, merged
                .coverageReport(new CoverageOutcome(dir + "a.info", "1".repeat(64), OutcomeKind.LCOV, false, 2, 2, 0, 0))
                .coverageReport(new CoverageOutcome(dir + "b.info", "2".repeat(64), OutcomeKind.LCOV, false, 2, 2, 0, 0))
                .coverageTotal(new CoverageTotal(false, 2, 3, 1, 0, 0)).build();

        // tag::coverageoutcomesjavadoc[]
        Optional<Double> linesCoveredPercent = context.outcomes().coverage().total(false)
                .filter(unit -> unit.lines() > 0)
                .map(unit -> 100.0 * unit.linesCovered() / unit.lines());
        // end::coverageoutcomesjavadoc[]

        assertThat(linesCoveredPercent).contains(75.0);
    }

    @Test
    void theFailedTestsAreSummedAsALongThatDoesNotWrap() {
        GateContext context = GateContextFixture.builder(CYCLE)
                .testReport(new TestOutcome("frameworks/planning-fe/outcomes/2025-09-02/junit/1-TEST-a.xml",
                        "0".repeat(64), Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0))
                .testReport(new TestOutcome("frameworks/planning-fe/outcomes/2025-09-02/junit/2-TEST-b.xml",
                        "1".repeat(64), Integer.MAX_VALUE, 0, Integer.MAX_VALUE, 0))
                .build();

        // tag::testoutcomejavadoc[]
        long failed = context.outcomes().tests().stream().mapToLong(TestOutcome::failed).sum(); // an int sum wraps
        // end::testoutcomejavadoc[]

        assertThat(failed).isEqualTo(2L * Integer.MAX_VALUE);
    }

    @Test
    void theTaxonomyNamesEachTagValueItDoesNotAllow() {
        Rulebook rulebook = GateContextFixture.builder(CYCLE).taxonomy("criticality", "0", "1").build().rulebook();
        Task task = Task.builder("FE-1", "Checkout").tags("criticality:7", "release").build();

        // tag::tagtaxonomyjavadoc[]
        TagTaxonomy taxonomy = TagTaxonomy.of(rulebook);
        List<String> problems = new ArrayList<>();
        for (TagTaxonomy.Problem p : taxonomy.check(task.tags().values())) {
            problems.add(p.message("task " + task.id()));
        }
        // end::tagtaxonomyjavadoc[]

        assertThat(problems).singleElement().asString().startsWith("task FE-1").contains("criticality").contains("7");
    }

    @Test
    void aGateReadsTheDecisionLogThroughTheLayout() {
        GateContext context = GateContextFixture.builder(CYCLE).file(DECISION_LOG, "decisions: []\n").build();

        // tag::workspacefilesjavadoc[]
        Optional<byte[]> log = context.files().read(context.cycle(), ArtifactKind.DECISION_LOG);
        // end::workspacefilesjavadoc[]

        assertThat(log).hasValueSatisfying(bytes ->
                assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("decisions: []\n"));
    }

    private static boolean delivered(GateContext context, Task task) {
        // tag::cycleoutcomesjavadoc[]
        CycleOutcomes outcomes = context.outcomes();
        boolean delivered = task.status() == TaskStatus.DONE || outcomes.deployedTaskIds().contains(task.id());
        // end::cycleoutcomesjavadoc[]
        return delivered;
    }

    // tag::gatejavadoc[]
    public final class OwnersPresentGate implements Gate {
        public String name() { return "owners_present"; }
        public GateResult evaluate(GateContext context) {
            List<Task> tasks = context.tasks().stream().flatMap(plan -> plan.tasks().stream()).toList();
            List<Finding> findings = tasks.stream()
                    .filter(task -> task.owner().isEmpty())
                    .map(task -> Finding.error("owner.missing", "task " + task.id() + " has no owner",
                            task.location()).withTask(task.id()))
                    .toList();
            return GateResult.of(name(), findings, Map.of("tasks_checked", tasks.size()));
        }
    }
    // end::gatejavadoc[]

    /** The gate of {@link GateContext}'s example: a waiver no longer active on the context's day is an error. */
    private static final class WaiverExpiryGate implements Gate {

        @Override
        public String name() {
            return "waiver_expiry";
        }

        @Override
        // tag::gatecontextjavadoc[]
        public GateResult evaluate(GateContext context) {
            List<Finding> findings = new ArrayList<>();
            for (Waiver waiver : context.waivers()) {          // the cycle's decision log, parsed
                if (!waiver.activeOn(context.today())) {       // the engine's clock, not the system's
                    findings.add(Finding.error("waiver.expired", waiver.rule() + " on " + waiver.item(),
                            SourceLocation.ofFile(context.files().path(context.cycle(), ArtifactKind.DECISION_LOG))));
                }
            }
            return GateResult.of(name(), findings, Map.of());
        }
        // end::gatecontextjavadoc[]
    }

    /** A context serving its rulebook's files from memory, as {@link GateContext#rulebookFile}'s example. */
    private static final class StoredRulesContext extends ForwardingGateContext {

        private final Map<String, byte[]> rulesFromMyStore;

        StoredRulesContext(GateContext delegate, Map<String, byte[]> rules) {
            super(delegate);
            this.rulesFromMyStore = rules;
        }

        @Override
        // tag::rulebookfilejavadoc[]
        public Optional<byte[]> rulebookFile(String file) {
            return Optional.ofNullable(rulesFromMyStore.get(file)).map(byte[]::clone);
        }
        // end::rulebookfilejavadoc[]
    }
}
