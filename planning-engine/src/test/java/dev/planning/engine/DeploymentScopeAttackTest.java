package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.SourceLocation;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.fixtures.DeploymentFiles;
import dev.planning.engine.fixtures.GitFixture;
import dev.planning.engine.fixtures.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kpi37: a deployments file is imported evidence of what this cycle shipped. A deployment dated before the cycle
 * was created counted as delivering the cycle's tasks (and in every DORA figure); a task a deployment lists that is
 * no work item of the plan (an id of no task, a look-alike, an epic) delivered nothing, silently. Each is refused at
 * its line and column: at {@code import}, nothing stored, and when a file committed by hand is read by the KPIs or
 * the parity gate.
 */
class DeploymentScopeAttackTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    private static final String STORED = DeploymentFiles.stored(CYCLE);

    /** CycleWorkspace's rulebook, with the parity gate judging delivery at VALIDATED. */
    private static final String RULEBOOK = CycleWorkspace.RULEBOOK
            .replace("gates: [schema_lint]}\n", "gates: [schema_lint]}\n"
                    + "    - {transition: \"EXECUTED->VALIDATED\", gates: [parity_coverage]}\n");

    /** D-1 shipped FE-3 and FE-5 the day before the cycle was created (2025-09-02T08:00Z). */
    private static final String EARLY = DeploymentFiles.one("2025-09-01T14:00:00Z", "FE-3, FE-5");

    @TempDir
    Path root;

    @TempDir
    Path reports;

    private PlanningWorkspace workspace;

    private void executed() {
        CycleWorkspace.create(root, CYCLE.cycleId());
        CycleWorkspace.write(root.resolve("rulebook/rulebook.yaml"), RULEBOOK);
        workspace = CycleWorkspace.open(root, Instant.parse("2025-09-02T08:00:00Z"));
        workspace.create(CYCLE);
        for (CycleState state : List.of(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, CycleState.EXECUTED)) {
            assertThat(CycleWorkspace.advance(workspace, CYCLE, state).accepted()).as("advance to " + state).isTrue();
        }
    }

    private Path given(String text) {
        Path file = reports.resolve("deployments.yaml");
        CycleWorkspace.write(file, text);
        return file;
    }

    private List<Path> storedOutcomes() throws IOException {
        Path outcomes = root.resolve("frameworks/planning-fe/outcomes");
        if (!Files.exists(outcomes)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(outcomes)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private GateResult parity() {
        return workspace.dryRun(CYCLE, CycleState.VALIDATED).stream()
                .filter(r -> r.gate().equals("parity_coverage")).findFirst().orElseThrow();
    }

    private static SourceLocation location(Throwable e) {
        return ((InvalidInputException) e).location().orElseThrow();
    }

    @Test
    void importRefusesADeploymentDatedBeforeTheCycleWasCreatedAtItsTimeAndStoresNothing() throws IOException {
        executed();
        Path file = given(EARLY);

        assertThatThrownBy(() -> workspace.importOutcomes(CYCLE, List.of(file)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nothing imported")
                .hasMessageContaining("deployment D-1 at 2025-09-01T14:00:00Z is earlier than the cycle, created at 2025-09-02T")
                .satisfies(e -> assertThat(location(e).line()).isEqualTo(4))
                .satisfies(e -> assertThat(location(e).file()).endsWith("deployments.yaml"));
        assertThat(storedOutcomes()).isEmpty();
    }

    /**
     * review37b: a cycle with planning files and no event yet is created by the import's own record, at the clock;
     * the file was judged against no creation, stored, and then refused by the digest, the gates and lint.
     */
    @Test
    void importIntoACycleWithNoEventYetRefusesADeploymentBeforeTheImportThatCreatesIt() throws IOException {
        CycleWorkspace.create(root, CYCLE.cycleId());
        workspace = CycleWorkspace.open(root, Instant.parse("2025-09-02T08:00:00Z"));
        Path file = given(EARLY);

        assertThatThrownBy(() -> workspace.importOutcomes(CYCLE, List.of(file)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nothing imported: deployment D-1 at 2025-09-01T14:00:00Z is earlier than the"
                        + " cycle, created at 2025-09-02T08:00:00Z")
                .satisfies(e -> assertThat(location(e).line()).isEqualTo(4))
                .satisfies(e -> assertThat(location(e).column()).isEqualTo(11));
        assertThat(storedOutcomes()).isEmpty();
        assertThat(workspace.status(CYCLE).history()).isEmpty();
    }

    /**
     * kpi38: the import judged a cycle with no event yet at one reading of the clock, and the event that creates it was
     * stamped at a later one; a deployment dated between the two was stored, and the digest then refused it. The
     * cycle is created at the instant the import judged against.
     */
    @Test
    void aCycleCreatedByAnImportIsCreatedAtTheInstantItsDeploymentsWereJudgedAgainst() {
        CycleWorkspace.create(root, CYCLE.cycleId());
        // The clock ticks an hour per reading: the import reads 08:00; a later reading is 09:00 or after.
        workspace = CycleWorkspace.open(root, Instant.parse("2025-09-02T08:00:00Z"));

        workspace.importOutcomes(CYCLE, List.of(given(DeploymentFiles.one("2025-09-02T08:30:00Z", "FE-3, FE-5"))));

        assertThat(workspace.status(CYCLE).history().get(0).event().timestamp())
                .isEqualTo(Instant.parse("2025-09-02T08:00:00Z"));
        assertThat(workspace.kpis(CYCLE).get("plan_accuracy").actual()).contains(75.0);
    }

    /**
     * Found by review38a: a cycle created by an import is stamped at the instant the import judged against, and the
     * import's own event at a later reading of the clock; a clock set back between the two dated the import before
     * the cycle's creation. It is stamped no earlier than the creation it follows.
     */
    @Test
    void aClockSetBackDuringAnImportDatesNoEventBeforeTheCreationItFollows() {
        CycleWorkspace.create(root, CYCLE.cycleId());
        GitFixture.commitAll(root, "plan");
        // Every reading an hour earlier than the one before: the import judges at one, and records at a later one.
        TestClock setBack = new TestClock(Instant.parse("2025-09-02T08:00:00Z"), Duration.ofHours(-1));
        workspace = Planning.builder().workspace(root).clock(setBack).trustedKeys(CycleWorkspace.TRUST)
                .triggeredBy("test").build();

        workspace.importOutcomes(CYCLE, List.of(given(DeploymentFiles.one("2025-09-02T09:00:00Z", "FE-3, FE-5"))));

        List<Instant> stamps = workspace.status(CYCLE).history().stream().map(r -> r.event().timestamp()).toList();
        assertThat(stamps).hasSize(2);
        assertThat(stamps.get(1)).isAfterOrEqualTo(stamps.get(0));
    }

    /**
     * scope39: a fact recorded after the log's last event (an import after the cycle was executed) was stamped at the
     * clock, floored at the cycle's creation only; a clock set back meanwhile dated it before the move it follows, and
     * {@code cycle_days}, which spans the log's first and last events, read shorter. It is stamped no earlier than the
     * event it follows.
     */
    @Test
    void aClockSetBackBeforeAnImportDatesItNoEarlierThanTheEventItFollows() {
        CycleWorkspace.create(root, CYCLE.cycleId());
        GitFixture.commitAll(root, "plan");
        TestClock clock = TestClock.hourly(Instant.parse("2025-09-02T08:00:00Z"));
        workspace = CycleWorkspace.open(root, clock, List.of());
        workspace.create(CYCLE);
        for (CycleState state : List.of(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, CycleState.EXECUTED)) {
            assertThat(CycleWorkspace.advance(workspace, CYCLE, state).accepted()).as("advance to " + state).isTrue();
        }
        List<RecordedEvent> before = workspace.status(CYCLE).history();
        Instant executed = before.get(before.size() - 1).event().timestamp();
        clock.set(Instant.parse("2025-09-02T07:00:00Z"));

        workspace.importOutcomes(CYCLE, List.of(given(DeploymentFiles.one("2025-09-02T09:00:00Z", "FE-3, FE-5"))));

        List<RecordedEvent> history = workspace.status(CYCLE).history();
        assertThat(history).hasSize(before.size() + 1);
        assertThat(history.get(history.size() - 1).event().timestamp()).isAfterOrEqualTo(executed);
    }

    @Test
    void aDeploymentBeforeTheCycleCommittedByHandIsRefusedByTheKpisAndTheGateAtItsTime() {
        executed();
        CycleWorkspace.write(root.resolve(STORED), EARLY);

        assertThatThrownBy(() -> workspace.kpis(CYCLE)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is earlier than the cycle")
                .satisfies(e -> assertThat(location(e)).isEqualTo(new SourceLocation(STORED, 4, 11)));
        // The gate cannot judge delivery from the file: it fails at the deployment's time, as for a file that does not
        // parse.
        GateResult parity = parity();
        assertThat(parity.status()).isEqualTo(GateStatus.FAIL);
        assertThat(parity.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("gate.error");
            assertThat(f.message()).contains("is earlier than the cycle");
            assertThat(f.location()).contains(new SourceLocation(STORED, 4, 11));
        });
    }

    @Test
    void aDeploymentAtTheInstantTheCycleWasCreatedBelongsToIt() {
        executed();
        Instant created = workspace.status(CYCLE).history().get(0).event().timestamp();
        workspace.importOutcomes(CYCLE, List.of(given(DeploymentFiles.one(created.toString(), "FE-3, FE-5"))));

        // FE-2 is done in the plan; FE-3 and FE-5 were delivered by D-1; FE-4 is dropped.
        assertThat(workspace.kpis(CYCLE).get("plan_accuracy").actual()).contains(75.0);
        assertThat(parity().evidence()).containsEntry("delivered", 3);
    }

    /**
     * Ids the plan does not hold exactly (a Cyrillic {@code Е} for the Latin {@code E}, a non-breaking hyphen,
     * another case, an id of no task) and its epic: each is refused at its place, every one at once, and nothing
     * is stored. hostile36's probe found that each delivered nothing; nothing said so.
     */
    @Test
    void importRefusesEveryTaskThatIsNoWorkItemOfThePlanEachAtItsPlace() throws IOException {
        executed();
        Path file = given("""
                version: "1.0"
                deployments:
                  - {id: D-1, time: 2025-09-03T14:00:00Z, status: success, commits: [], tasks: [FE-3]}
                  - {id: D-2, time: 2025-09-03T15:00:00Z, status: success, commits: [], tasks: ["F\u0415-3", FE-5, "FE\u20115", fe-5, FE-99, FE-1]}
                """);

        assertThatThrownBy(() -> workspace.importOutcomes(CYCLE, List.of(file)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nothing imported")
                .hasMessageContaining("deployment D-2 lists 'F\u0415-3', which is not the id of a task of")
                .hasMessageContaining("lists 'FE\u20115', which is not")
                .hasMessageContaining("lists 'fe-5', which is not")
                .hasMessageContaining("lists 'FE-99', which is not")
                .hasMessageContaining("lists 'FE-1', which is an epic")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("'FE-3'").doesNotContain("'FE-5'"))
                .satisfies(e -> assertThat(location(e).line()).isEqualTo(4));
        assertThat(storedOutcomes()).isEmpty();
    }

    @Test
    void aTaskOfNoWorkItemCommittedByHandIsRefusedByTheKpisAtItsPlace() {
        executed();
        CycleWorkspace.write(root.resolve(STORED), DeploymentFiles.one("2025-09-03T14:00:00Z", "FE-3, FE-99"));

        assertThatThrownBy(() -> workspace.kpis(CYCLE)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("deployment D-1 lists 'FE-99', which is not the id of a task of")
                .satisfies(e -> assertThat(location(e)).isEqualTo(new SourceLocation(STORED, 7, 19)));
    }
}
