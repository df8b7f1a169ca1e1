package dev.planning.testkit.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.artifact.Task;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.LintReport;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.outcome.CoverageOutcome;
import dev.planning.api.outcome.CoverageOutcomes;
import dev.planning.api.outcome.CoverageTotal;
import dev.planning.api.outcome.OutcomeKind;
import dev.planning.api.outcome.TestOutcome;
import dev.planning.api.store.ArtifactKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateContextFixtureTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    /** A gate written only against GateContext: every task needs an owner, unless an active waiver says otherwise. */
    private static final Gate OWNERS = new Gate() {
        @Override
        public String name() {
            return "owners";
        }

        @Override
        public GateResult evaluate(GateContext context) {
            List<Finding> findings = context.tasks().map(p -> p.tasks()).orElse(List.of()).stream()
                    .filter(t -> t.owner().isEmpty())
                    .filter(t -> context.waivers().stream().noneMatch(w -> w.item().equals(t.id())
                            && w.activeOn(context.today())))
                    .map(t -> Finding.error("owner.missing", t.id() + " has no owner").withTask(t.id()))
                    .toList();
            return GateResult.of(name(), findings, Map.of());
        }
    };

    @Test
    void runsAGateAgainstTasksAndWaiversJudgedOnTheFixturesDay() {
        GateContext context = GateContextFixture.builder(CYCLE)
                .tasks(Task.builder("FE-1", "Owned").owner("alice").build(),
                        Task.builder("FE-2", "Waived").build(),
                        Task.builder("FE-3", "Waiver expired").build())
                .waivers(new Waiver("owners", "FE-2", "hiring", "lead", LocalDate.of(2025, 9, 30)),
                        new Waiver("owners", "FE-3", "hiring", "lead", LocalDate.of(2025, 9, 1)))
                .today(LocalDate.of(2025, 9, 2))
                .build();

        GateResult result = OWNERS.evaluate(context);

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).extracting(f -> f.taskId().orElseThrow()).containsExactly("FE-3");
    }

    @Test
    void answersNothingForWhatWasNotGiven() {
        GateContext context = GateContextFixture.builder(CYCLE).build();

        assertThat(context.tasks()).isEmpty();
        assertThat(context.storyMap()).isEmpty();
        assertThat(context.otherStreams()).isEmpty();
        assertThat(context.waivers()).isEmpty();
        assertThat(context.contracts()).isEmpty();
        assertThat(context.capacity()).isEmpty();
        assertThat(context.manifest()).isEmpty();
        assertThat(context.priorResults()).isEmpty();
        assertThat(context.trustedKeys().keys()).isEmpty();
        assertThat(context.artifactPaths()).isEmpty();
        assertThat(context.judgedAt()).isEmpty();
        assertThat(context.transition().from()).isEqualTo(CycleState.PLANNED);
        assertThat(context.transition().to()).isEqualTo(CycleState.READY_FOR_HANDOFF);
        assertThat(context.workspace()).isAbsolute().doesNotExist();
        assertThat(context.rulebook().thresholds()).isEmpty();
        assertThat(context.outcomes().tests()).isEmpty();
        assertThat(context.outcomes().coverage().reports()).isEmpty();
        assertThat(context.outcomes().coverage().directory()).isEqualTo("frameworks/planning-fe/outcomes/2025-09-02");
        assertThat(context.outcomes().deployedTaskIds()).isEmpty();
        assertThat(context.previousCoverage()).isEmpty();
    }

    @Test
    void servesTheRulebookFilesGivenAndNoOther() {
        GateContext context = GateContextFixture.builder(CYCLE).rulebookFile("rules/a.drl", "package x;\n").build();

        assertThat(context.rulebookFile("rules/a.drl")).hasValueSatisfying(bytes ->
                assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("package x;\n"));
        // Not a file read from the rulebook's directory: a rule not given is not served.
        assertThat(context.rulebookFile("rules/b.drl")).isEmpty();
        context.rulebookFile("rules/a.drl").orElseThrow()[0] = 'X';
        assertThat(context.rulebookFile("rules/a.drl").orElseThrow()[0]).as("a copy each time").isEqualTo((byte) 'p');
    }

    @Test
    void refusesToLintUnlessGivenAReport() {
        GateContext context = GateContextFixture.builder(CYCLE).build();

        assertThatThrownBy(context::lint).isInstanceOf(PlanningException.class)
                .hasMessageContaining("no lint report").hasMessageContaining("GateContext.lint()");
    }

    @Test
    void suppliesTheLintAndTheOutcomesGiven() {
        LintReport lint = new LintReport(List.of("a.yaml"), List.of());
        TestOutcome junit = new TestOutcome("frameworks/planning-fe/outcomes/2025-09-02/junit/1-TEST-a.xml",
                "0".repeat(64), 3, 1, 0, 0);
        CoverageOutcome jacoco = new CoverageOutcome("frameworks/planning-fe/outcomes/2025-09-02/jacoco/1-jacoco.xml",
                "1".repeat(64), OutcomeKind.JACOCO, false, 8, 2, 0, 0);
        CoverageOutcomes before = CoverageOutcomes.none(new CycleRef("fe", "2025-08-19"),
                "frameworks/planning-fe/outcomes/2025-08-19");

        GateContext context = GateContextFixture.builder(CYCLE).lint(lint).testReport(junit).coverageReport(jacoco)
                .deployed("FE-1").previousCoverage(before).build();

        assertThat(context.lint()).isSameAs(lint);
        assertThat(context.outcomes().tests()).containsExactly(junit);
        assertThat(context.outcomes().coverage().reports()).containsExactly(jacoco);
        assertThat(context.outcomes().deployedTaskIds()).containsExactly("FE-1");
        assertThat(context.previousCoverage()).contains(before);
    }

    @Test
    void aKindsCoverageIsItsReportsSumUnlessAMergedTotalIsGiven() {
        String dir = "frameworks/planning-fe/outcomes/2025-09-02/";
        CoverageOutcome first = new CoverageOutcome(dir + "a.info", "1".repeat(64), OutcomeKind.LCOV, false, 2, 2, 0, 0);
        CoverageOutcome second = new CoverageOutcome(dir + "b.info", "2".repeat(64), OutcomeKind.LCOV, false, 2, 2, 0, 0);
        GateContextFixture.Builder builder = GateContextFixture.builder(CYCLE).coverageReport(first).coverageReport(second);

        assertThat(builder.build().outcomes().coverage().total(false).orElseThrow().linesCovered()).isEqualTo(4);
        assertThat(builder.coverageTotal(new CoverageTotal(false, 2, 3, 1, 0, 0)).build().outcomes().coverage()
                .total(false).orElseThrow().linesCovered()).isEqualTo(3);
    }

    @Test
    void refusesAPreviousCoverageThatIsNotOfAnEarlierCycleOfTheStream() {
        GateContextFixture.Builder builder = GateContextFixture.builder(CYCLE);

        assertThatThrownBy(() -> builder.previousCoverage(CoverageOutcomes.none(new CycleRef("fe", "2025-09-16"),
                "frameworks/planning-fe/outcomes/2025-09-16"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("earlier cycle of stream fe");
        assertThatThrownBy(() -> builder.previousCoverage(CoverageOutcomes.none(new CycleRef("be", "2025-08-19"),
                "frameworks/planning-be/outcomes/2025-08-19"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void judgesByAFixedClockNeverTheWallClock() {
        GateContext context = GateContextFixture.builder(CYCLE).build();

        assertThat(context.clock().instant()).isEqualTo(GateContextFixture.DEFAULT_NOW);
        assertThat(context.today()).isEqualTo(LocalDate.of(2025, 9, 2));
    }

    @Test
    void judgesTheUtcDayWhateverTheClocksZoneAsTheEngineDoes() {
        // 12:00 UTC on 30 September: 1 October in Kiritimati (UTC+14), still the 30th in Pago Pago (UTC-11).
        Instant noon = Instant.parse("2025-09-30T12:00:00Z");
        Waiver lastDayThe30th = new Waiver("owners", "FE-1", "hiring", "lead", LocalDate.of(2025, 9, 30));

        for (String zone : List.of("Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC")) {
            GateContext context = GateContextFixture.builder(CYCLE).tasks(Task.builder("FE-1", "Unowned").build())
                    .waivers(lastDayThe30th).clock(Clock.fixed(noon, ZoneId.of(zone))).build();

            assertThat(context.today()).as(zone).isEqualTo(LocalDate.of(2025, 9, 30));
            assertThat(context.clock().getZone()).as(zone).isEqualTo(ZoneOffset.UTC);
            assertThat(context.clock().instant()).as(zone).isEqualTo(noon);
            assertThat(OWNERS.evaluate(context).status()).as(zone).isEqualTo(GateStatus.PASS);
        }
    }

    @Test
    void aRecomputedVerdictIsJudgedAtItsSealedMoment() {
        Instant sealed = Instant.parse("2025-08-01T12:00:00Z");

        GateContext context = GateContextFixture.builder(CYCLE).judgedAt(sealed).build();

        assertThat(context.judgedAt()).contains(sealed);
        assertThat(context.clock().instant()).isEqualTo(sealed);
        assertThat(context.today()).isEqualTo(LocalDate.of(2025, 8, 1));
    }

    @Test
    void refusesToVerifyAManifestUnlessGivenAReport() {
        GateContext context = GateContextFixture.builder(CYCLE).build();

        assertThatThrownBy(context::verifyManifest).isInstanceOf(PlanningException.class)
                .hasMessageContaining("no verification report");
    }

    @Test
    void readsFilesByKindThroughTheDefaultLayout() {
        String log = "frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml";
        GateContext context = GateContextFixture.builder(CYCLE).file(log, "decisions: []\n").build();

        assertThat(context.files().path(CYCLE, ArtifactKind.DECISION_LOG)).isEqualTo(log);
        assertThat(context.files().read(CYCLE, ArtifactKind.DECISION_LOG))
                .hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("decisions: []\n"));
        assertThat(context.files().read(CYCLE, ArtifactKind.CONTRACTS)).isEmpty();
        assertThat(context.files().list("frameworks/planning-fe/decisions")).containsExactly(log);
        assertThat(context.files().cycles("fe")).containsExactly(CYCLE);
        assertThat(context.artifactPaths()).containsExactly(log);
    }

    @Test
    void placesAKindWhereTheTestSays() {
        GateContext context = GateContextFixture.builder(CYCLE).path(ArtifactKind.CONTRACTS, "plans/fe/contracts.yaml")
                .file("plans/fe/contracts.yaml", "contracts: []\n").build();

        assertThat(context.files().read(CYCLE, ArtifactKind.CONTRACTS)).isPresent();
    }

    @Test
    void refusesPathsOutsideTheWorkspace() {
        GateContext context = GateContextFixture.builder(CYCLE).build();

        for (String bad : List.of("../secret", "/etc/passwd", "a/../../b", "a\\b", "C:/x", "")) {
            assertThatThrownBy(() -> context.files().read(bad)).as(bad).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("workspace-relative");
        }
        assertThatThrownBy(() -> GateContextFixture.builder(CYCLE).file("../x", "y"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void refusesATransitionTheLifecycleDoesNotHave() {
        assertThatThrownBy(() -> GateContextFixture.builder(CYCLE).transition(CycleState.PLANNED, CycleState.COMPLETED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PLANNED->COMPLETED");
    }

    @Test
    void refusesContradictoryInput() {
        assertThatThrownBy(() -> GateContextFixture.builder(CYCLE).threshold("x", 1)
                .rulebook(GateContextFixture.builder(CYCLE).build().rulebook()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> GateContextFixture.builder(null)).hasMessage("cycle");
    }

    @Test
    void theContextCannotBeChangedThroughWhatItReturns() {
        byte[] content = "a".getBytes(StandardCharsets.UTF_8);
        GateContext context = GateContextFixture.builder(CYCLE).file("x.txt", content).build();
        content[0] = 'b';
        context.files().read("x.txt").orElseThrow()[0] = 'c';

        assertThat(context.files().read("x.txt")).hasValueSatisfying(b -> assertThat(b).containsExactly('a'));
        assertThatThrownBy(() -> context.waivers().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }
}
