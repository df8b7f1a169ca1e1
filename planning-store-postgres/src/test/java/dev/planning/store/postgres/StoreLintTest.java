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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement edit = connection.prepareStatement("UPDATE planning_event SET line = line"
                        + " || '\\x20'::bytea WHERE repository = ? AND cycle_id = ? AND seq = ?")) {
            edit.setString(1, store.eventStore().repository());
            edit.setString(2, FE.cycleId());
            edit.setInt(3, seq);
            assertThat(edit.executeUpdate()).isOne();
        }
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
            head = store.eventStore().append(FE, Events.created(FE), head).hash();
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
}
