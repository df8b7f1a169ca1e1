package dev.planning.engine.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.eventlog.FileEventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code planning lint} reads each cycle's stored outcomes as the gates and the digest read them. */
class OutcomeLintTest extends LintedWorkspaceFixture {

    private static final String OUTCOMES = "frameworks/planning-fe/outcomes/2025-09-02";
    private static final String DEPLOYMENTS = OUTCOMES + "/deployments/deployments.yaml";
    private static final String JUNIT = OUTCOMES + "/junit/TEST-Checkout.xml";

    private static final String LOG = """
            version: "1.0"
            period: {start: 2025-08-19T00:00:00Z, end: 2025-09-02T00:00:00Z}
            deployments:
              - id: D-1
                time: 2025-08-21T15:00:00Z
                status: success
                commits: [{sha: 3f2a9c1, time: 2025-08-20T15:00:00Z}]
                tasks: [FE-12]
            """;

    private static final String TESTS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="Checkout" tests="1" errors="0" skipped="0" failures="0">
              <testcase name="pays" classname="Checkout" time="0.2"/>
            </testsuite>
            """;

    private LintReport lint() {
        return WorkspaceLinter.withDefaultLayout().lint(workspace, Optional.empty(), Optional.empty());
    }

    /** Records the cycle's creation at {@code at}. */
    private void created(String at) {
        new FileEventStore(workspace).append(new CycleRef("fe", "2025-09-02"), new PlanningEvent("evt_1",
                Instant.parse(at), EventType.CYCLE_CREATED, Optional.empty(),
                Optional.of(CycleState.PLANNED), "fe/2025-09-02", "ci", Map.of(), Map.of()), RecordedEvent.GENESIS);
    }

    @Test
    void storedOutcomesThatReadLintCleanAndAreListedAsChecked() {
        created("2025-08-19T00:00:00Z");
        write(DEPLOYMENTS, LOG);
        write(JUNIT, TESTS);

        LintReport report = lint();

        assertThat(report.findings()).isEmpty();
        assertThat(report.filesChecked()).contains(DEPLOYMENTS, JUNIT);
    }

    @Test
    void aDeploymentsFileThatBreaksItsSchemaIsReportedAtTheValue() {
        write(DEPLOYMENTS, LOG.replace("status: success", "status: maybe"));

        assertThat(lint().findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(LintCodes.OUTCOME_INVALID);
            assertThat(f.describe()).startsWith(DEPLOYMENTS + ":6:13: error: ");
        });
    }

    @Test
    void everyMistakeOfEveryStoredOutcomeIsReportedOnceEach() {
        write(DEPLOYMENTS, LOG.replace("status: success", "status: maybe").replace("id: D-1", "id: 7"));
        write(JUNIT, "<testsuite name=\"Checkout\" tests=\"1\">\n  <testcase name=\"pays\"\n");

        List<String> lines = lint().findings().stream().map(Finding::describe).toList();

        assertThat(lines).hasSize(3);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(DEPLOYMENTS + ":4:9: error: "))
                .anySatisfy(l -> assertThat(l).startsWith(DEPLOYMENTS + ":6:13: error: "))
                .anySatisfy(l -> assertThat(l).startsWith(JUNIT + ":3:1: error: malformed XML"));
    }

    @Test
    void everyDeploymentTheDigestAndTheGatesRefuseAsNotOfTheCycleIsAFindingAtItsLineAndColumn() {
        // The cycle was created a day after D-1, which also lists an unknown id and the epic FE-1 (review37b: these
        // linted clean, and the digest and the gates refused them).
        created("2025-08-22T09:00:00Z");
        write(DEPLOYMENTS, LOG.replace("tasks: [FE-12]", "tasks: [FE-12, FE-99, FE-1]"));

        List<Finding> findings = lint().findings();

        assertThat(findings).allSatisfy(f -> assertThat(f.code()).isEqualTo(LintCodes.OUTCOME_INVALID));
        assertThat(findings).map(Finding::describe).satisfiesExactly(
                l -> assertThat(l).startsWith(DEPLOYMENTS + ":5:11: error: deployment D-1 at 2025-08-21T15:00:00Z is"
                        + " earlier than the cycle, created at 2025-08-22T09:00:00Z"),
                l -> assertThat(l).startsWith(DEPLOYMENTS + ":8:20: error: deployment D-1 lists 'FE-99', which is not"
                        + " the id of a task of"),
                l -> assertThat(l).startsWith(DEPLOYMENTS + ":8:27: error: deployment D-1 lists 'FE-1', which is an"
                        + " epic"));
    }

    /**
     * scope39: a deployment of a cycle whose log has no event has no creation to be judged against; the digest and the
     * gates refuse it, and lint tells it at its time.
     */
    @Test
    void aDeploymentOfACycleWhoseLogHasNoEventIsAFindingAtItsTime() {
        write(DEPLOYMENTS, LOG);

        assertThat(lint().findings()).map(Finding::describe).singleElement().satisfies(l -> assertThat(l).startsWith(
                DEPLOYMENTS + ":5:11: error: deployment D-1 at 2025-08-21T15:00:00Z cannot be judged against the"
                        + " cycle: its event log has no event"));
    }

    /**
     * kpi38: with a store configured, lint read each cycle's whole log a second time to learn its creation, after
     * the store lint had read it; the one read tells it now, and judges the deployments as the file lint does.
     */
    @Test
    void withAStoreEachLogIsReadOnceAndItsCreationJudgesTheDeployments() {
        CycleRef cycle = new CycleRef("fe", "2025-09-02");
        FileEventStore files = new FileEventStore(workspace);
        files.append(cycle, new PlanningEvent("evt_1", Instant.parse("2025-08-22T09:00:00Z"), EventType.CYCLE_CREATED,
                Optional.empty(), Optional.of(CycleState.PLANNED), "fe/2025-09-02", "ci", Map.of(), Map.of()),
                RecordedEvent.GENESIS);
        write(DEPLOYMENTS, LOG);
        List<CycleRef> reads = new ArrayList<>();
        EventStore store = new EventStore() {
            @Override
            public List<RecordedEvent> read(CycleRef read) {
                reads.add(read);
                return files.read(read);
            }

            @Override
            public RecordedEvent append(CycleRef at, PlanningEvent event, String expectedHead) {
                throw new AssertionError("lint writes nothing");
            }

            @Override
            public List<CycleRef> cycles() {
                return files.cycles();
            }
        };

        List<Finding> findings = WorkspaceLinter.withDefaultLayout().lint(workspace, Optional.empty(),
                Optional.empty(), LintRules.NONE, Optional.of(store)).findings();

        assertThat(findings).map(Finding::describe).singleElement().satisfies(l -> assertThat(l).startsWith(
                DEPLOYMENTS + ":5:11: error: deployment D-1 at 2025-08-21T15:00:00Z is earlier than the cycle, created"
                        + " at 2025-08-22T09:00:00Z"));
        assertThat(reads).containsExactly(cycle);
    }

    @Test
    void aFileOutsideTheKindDirectoriesIsLeftAsTheReadersLeaveIt() {
        write(OUTCOMES + "/notes.txt", "not a report\n");

        LintReport report = lint();

        assertThat(report.findings()).isEmpty();
        assertThat(report.filesChecked()).noneMatch(path -> path.contains("/outcomes/"));
    }
}
