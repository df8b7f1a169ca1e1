package dev.planning.cli.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.store.postgres.PostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * attack21: rows someone with write access to the database (and no key) put there, naming a stream, a
 * cycle or a state no append ever writes. Each question that reads such a row refuses with one line naming
 * the row and {@code store check} (exit 2), never an internal error, and shows the row's text escaped.
 */
@Tag("slow")
@Tag("servers")
class HostileRowsTest {

    private static final String LOG = "frameworks/planning-fe/events/2025-09-02.events.jsonl";
    @RegisterExtension
    static final PostgresServer postgres = PostgresServer.started();

    @TempDir
    Path dir;

    /** The example's cycle advanced once into the store, then {@code sql} run with the repository as its parameter. */
    private Path advancedThenEdited(String repository, String sql) throws IOException, SQLException {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path store = postgres.storeFile(dir.resolve("store.properties"), repository);
        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--to", "READY_FOR_HANDOFF", "--store", store.toString());
        assertThat(advance.exitCode()).as(advance.err()).isZero();
        assertThat(ws.resolve(LOG)).doesNotExist();
        try (Connection connection = postgres.dataSource().getConnection();
                PreparedStatement edit = connection.prepareStatement(sql)) {
            edit.setString(1, repository);
            assertThat(edit.executeUpdate()).isEqualTo(1);
        }
        return store;
    }

    @Test
    void aPortfolioRowOfAStateNoAppendWritesIsRefusedNamingTheRow() throws Exception {
        Path store = advancedThenEdited("acme/state", "UPDATE planning_cycle SET state = 'SHIPPED\u001b[2J'"
                + " WHERE repository = ?");

        CliRun portfolio = CliRun.of("store", "portfolio", "--store", store.toString());

        assertThat(portfolio.exitCode()).as(portfolio.err()).isEqualTo(2);
        assertThat(portfolio.err()).contains("planning_cycle").contains("fe/2025-09-02").contains("SHIPPED\\u001B[2J")
                .contains("planning store check").doesNotContain("internal error").doesNotContain("\u001b");
    }

    @Test
    void aPortfolioRowNamingNoCycleIsRefusedNamingTheRow() throws Exception {
        Path store = advancedThenEdited("acme/name", "UPDATE planning_cycle SET stream = 'fe/../../etc'"
                + " WHERE repository = ?");

        CliRun portfolio = CliRun.of("store", "portfolio", "--store", store.toString());

        assertThat(portfolio.exitCode()).as(portfolio.err()).isEqualTo(2);
        assertThat(portfolio.err()).contains("planning_cycle").contains("fe/../../etc").contains("planning store check")
                .doesNotContain("internal error");
    }

    @Test
    void anExportOfRowsNamingNoCycleIsRefusedNamingThemAndWritesNothing() throws Exception {
        Path store = advancedThenEdited("acme/export", "UPDATE planning_event SET stream = 'Fe.x' WHERE repository = ?"
                + " AND seq = 2");
        Path ws = dir.resolve("ws");

        CliRun export = CliRun.of("store", "migrate", "--to-files", "-w", ws.toString(), "--store", store.toString());

        assertThat(export.exitCode()).as(export.err()).isEqualTo(2);
        assertThat(export.err()).contains("planning_event").contains("Fe.x").contains("planning store check")
                .doesNotContain("internal error");
        assertThat(ws.resolve(LOG)).doesNotExist();
    }

    @Test
    void anAcceptedMoveWhoseTypeColumnWasEditedToARefusalIsNeverListedAsOne() throws Exception {
        Path store = advancedThenEdited("acme/type", "UPDATE planning_event SET event_type = 'TRANSITION_REFUSED'"
                + " WHERE repository = ? AND seq = 2");

        CliRun refusals = CliRun.of("store", "refusals", "--since", "2000-01-01", "--store", store.toString());

        assertThat(refusals.exitCode()).as(refusals.out() + refusals.err()).isEqualTo(2);
        assertThat(refusals.err()).contains("planning_event").contains("its line is a STATE_TRANSITION")
                .contains("planning store check").doesNotContain("internal error");
    }

    @Test
    void aRefusalRowNamingNoCycleIsRefusedNamingTheRow() throws Exception {
        Path store = advancedThenEdited("acme/refusal", "UPDATE planning_event SET cycle_id = '../x',"
                + " event_type = 'TRANSITION_REFUSED' WHERE repository = ? AND seq = 2");

        CliRun refusals = CliRun.of("store", "refusals", "--since", "2000-01-01", "--store", store.toString());

        assertThat(refusals.exitCode()).as(refusals.err()).isEqualTo(2);
        assertThat(refusals.err()).contains("planning_event").contains("../x").contains("planning store check")
                .doesNotContain("internal error");
    }
}
