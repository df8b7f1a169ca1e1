package dev.planning.cli.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's cross-cycle queries without PostgreSQL: the workspace's event log files answer them. */
class StoreQueriesOnFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void portfolioWithoutAStoreListsTheWorkspaceCyclesInTheStateTheirLogsLeadTo() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--to", "READY_FOR_HANDOFF");
        assertThat(advance.exitCode()).as(advance.err()).isZero();

        CliRun text = CliRun.of("store", "portfolio", "-w", ws.toString());
        CliRun json = CliRun.of("store", "portfolio", "-w", ws.toString(), "--format", "json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("fe/2025-09-02\tREADY_FOR_HANDOFF\t2 event(s)").contains("1 cycle(s) in the"
                + " event logs of");
        JsonNode document = JSON.readTree(json.out());
        assertThat(document.get("store").asText()).isEqualTo("files");
        assertThat(document.at("/cycles/0/cycle").asText()).isEqualTo("fe/2025-09-02");
        assertThat(document.at("/cycles/0/state").asText()).isEqualTo("READY_FOR_HANDOFF");
        assertThat(document.at("/cycles/0/events").asInt()).isEqualTo(2);
    }

    @Test
    void refusalsWithoutAStoreListTheRefusedTransitionOfTheWorkspace() throws Exception {
        Path ws = CliRun.copyOf("fe-critical", dir.resolve("ws"));
        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--to", "READY_FOR_HANDOFF");
        assertThat(advance.exitCode()).isEqualTo(1);

        CliRun json = CliRun.of("store", "refusals", "-w", ws.toString(), "--since", "2000-01-01", "--format", "json");

        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode refusal = JSON.readTree(json.out()).at("/refusals/0");
        assertThat(refusal.get("cycle").asText()).isEqualTo("fe/2025-09-02");
        assertThat(refusal.get("from").asText()).isEqualTo("PLANNED");
        assertThat(refusal.get("requested").asText()).isEqualTo("READY_FOR_HANDOFF");
        assertThat(refusal.get("gate_results").toString()).contains("FAIL");
    }

    @Test
    void aMissingWorkspaceWithoutAStoreIsBadInput() {
        CliRun run = CliRun.of("store", "portfolio", "-w", dir.resolve("absent").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no store configured").contains("absent");
        assertThat(run.printedStackTrace()).isFalse();
    }
}
