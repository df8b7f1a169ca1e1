package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.planning.api.SourceLocation;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.Planning;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.fixtures.DeploymentFiles;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * store36: lint over a workspace on the PostgreSQL store lints the store's logs, those every command reads, each
 * read with its chain verified and folded as {@code status} folds it, against the real server: a line edited in the
 * database and a history the lifecycle does not allow (which the store's append takes: the lifecycle is the engine's)
 * are each a finding at the row's line; lint read the workspace's log files instead, which held none of it.
 */
@Tag("slow")
@Tag("servers")
class StoreLintTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path root;

    private LintReport lint(PostgresStore store) {
        CycleWorkspace.create(root, FE.cycleId());
        return Planning.builder().workspace(root).eventStore(store.eventStore()).build().lint();
    }

    /** Appends a blank to the line stored at row {@code seq} of the cycle's log, as an edit in the database would. */
    private static void editLineInTheDatabase(PostgresStore store, int seq) throws SQLException {
        assertThat(RepositoryRows.edit(store, "UPDATE planning_event SET line = line || '\\x20'::bytea"
                + " WHERE repository = ? AND cycle_id = ? AND seq = ?", FE.cycleId(), seq)).isOne();
    }

    private static Finding only(LintReport report, String code) {
        return report.findings().stream().filter(f -> f.code().equals(code)).reduce((a, b) -> {
            throw new AssertionError("more than one " + code + ": " + report.findings());
        }).orElseThrow(() -> new AssertionError("no " + code + ": " + report.findings()));
    }

    @Test
    void aLineEditedInTheDatabaseIsAFindingAtItsRow() throws SQLException {
        try (PostgresStore store = TestServers.store(false)) {
            String head = store.eventStore().append(FE, Events.created(FE), RecordedEvent.GENESIS).hash();
            store.eventStore().append(FE, Events.moved(FE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head);
            editLineInTheDatabase(store, 2);

            LintReport report = lint(store);

            assertThat(report.passed()).isFalse();
            assertThat(only(report, "event.chain").location())
                    .contains(new SourceLocation(store.eventStore().location(FE), 2, 0));
        }
    }

    /** errs37: lint told a log's first mistake alone (the edited line), where the file lint tells every one. */
    @Test
    void everyMistakeOfALogIsAFindingAtItsRowInOneRun() throws SQLException {
        try (PostgresStore store = TestServers.store(false)) {
            String head = store.eventStore().append(FE, Events.created(FE), RecordedEvent.GENESIS).hash();
            head = store.eventStore().append(FE, Events.moved(FE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF),
                    head).hash();
            // Dated no earlier than the move before it, as every store appends (time43).
            head = store.eventStore().append(FE, Events.created(FE, Events.T0.plusSeconds(60)), head).hash();
            store.eventStore().append(FE, Events.moved(FE, CycleState.READY_FOR_HANDOFF, CycleState.PLANNED), head);
            editLineInTheDatabase(store, 2);

            LintReport report = lint(store);

            String log = store.eventStore().location(FE);
            assertThat(report.findings()).filteredOn(f -> f.code().startsWith("event."))
                    .extracting(Finding::code, Finding::location).containsExactly(
                            tuple("event.chain", Optional.of(new SourceLocation(log, 2, 0))),
                            tuple("event.history", Optional.of(new SourceLocation(log, 3, 0))));
        }
    }

    /**
     * store38: a {@code prev_sha256} column rewritten is that column's mistake; the line still chains, so the history
     * is judged across it (it restarted there, and a move from a state the cycle was not in went untold).
     */
    @Test
    void aRewrittenPrevHashColumnDoesNotRestartTheHistory() throws SQLException {
        try (PostgresStore store = TestServers.store(false)) {
            String head = store.eventStore().append(FE, Events.created(FE), RecordedEvent.GENESIS).hash();
            store.eventStore().append(FE, Events.moved(FE, CycleState.PACKAGED, CycleState.EXECUTED), head);
            assertThat(RepositoryRows.edit(store, "UPDATE planning_event SET prev_sha256 = repeat('a', 64)"
                    + " WHERE repository = ? AND cycle_id = ? AND seq = 2", FE.cycleId())).isOne();

            LintReport report = lint(store);

            SourceLocation line2 = new SourceLocation(store.eventStore().location(FE), 2, 0);
            assertThat(only(report, "event.chain").message()).contains("line 2's prev_sha256: expected");
            assertThat(only(report, "event.history")).satisfies(f -> {
                assertThat(f.location()).contains(line2);
                assertThat(f.message()).contains("STATE_TRANSITION starts from PACKAGED but the cycle was PLANNED");
            });
        }
    }

    @Test
    void aHistoryTheLifecycleDoesNotAllowIsAFindingAtItsLine() {
        try (PostgresStore store = TestServers.store(false)) {
            String head = store.eventStore().append(FE, Events.created(FE), RecordedEvent.GENESIS).hash();
            store.eventStore().append(FE, Events.created(FE), head);

            LintReport report = lint(store);

            assertThat(only(report, "event.history").location())
                    .contains(new SourceLocation(store.eventStore().location(FE), 2, 0));
            assertThat(report.filesChecked()).contains(store.eventStore().location(FE));
        }
    }

    /**
     * kpi38: lint read each cycle's log a second time, through {@code read}, to learn its creation; the check that
     * tells every mistake of the log tells it now, and the deployments are judged against it as the gates judge them.
     */
    @Test
    void aDeploymentBeforeTheCreationTheStoreHoldsIsAFindingAtItsTime() {
        try (PostgresStore store = TestServers.store(false)) {
            store.eventStore().append(FE, Events.created(FE), RecordedEvent.GENESIS);
            String stored = "frameworks/planning-fe/outcomes/2025-09-02/deployments/deployments.yaml";
            CycleWorkspace.write(root.resolve(stored),
                    DeploymentFiles.one(Events.T0.minusSeconds(3600).toString(), "FE-3"));

            LintReport report = lint(store);

            assertThat(only(report, "outcome.invalid")).satisfies(f -> {
                assertThat(f.message()).contains("deployment D-1 at " + Events.T0.minusSeconds(3600)
                        + " is earlier than the cycle, created at " + Events.T0);
                assertThat(f.location()).contains(new SourceLocation(stored, 4, 11));
            });
        }
    }
}
