package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.fixtures.Plans;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary's waivers when no governance verdict of the sealing step lists them (the {@code be} profile): the
 * cycle's decision log read as the gates read it ({@code DecisionLogReader.readFor}), so that a log naming another
 * cycle waives nothing in the summary either.
 */
class GovernanceSummariesTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final Instant JUDGED = Instant.parse("2025-09-10T10:00:00Z");

    @TempDir
    Path workspace;

    private GovernanceSummary summaryOver(String decisionLog) throws Exception {
        Path log = workspace.resolve(WorkspaceLayout.DEFAULT.decisionLog(CYCLE));
        Files.createDirectories(log.getParent());
        Files.writeString(log, decisionLog, StandardCharsets.UTF_8);
        return GovernanceSummaries.of(workspace, WorkspaceLayout.DEFAULT, CYCLE, List.of(), JUDGED);
    }

    @Test
    void theCyclesOwnDecisionLogsWaiversInForceAreSummarised() throws Exception {
        assertThat(summaryOver(Plans.FE_DECISIONS).waivers()).singleElement()
                .satisfies(waiver -> assertThat(waiver.item()).isEqualTo("FE-12"));
    }

    /** Found by review38a: the summary read the log with {@code read}, which does not check the log's cycle. */
    @Test
    void aDecisionLogNamingAnotherCycleWaivesNothingInTheSummary() throws Exception {
        GovernanceSummary summary = summaryOver(Plans.FE_DECISIONS.replace("cycle_id: \"2025-09-02\"",
                "cycle_id: \"2025-09-16\""));

        assertThat(summary.waivers()).isEmpty();
        assertThat(summary.decisionLogRef()).contains(WorkspaceLayout.DEFAULT.decisionLog(CYCLE));
    }

    @Test
    void aDecisionLogOfAnotherStreamWaivesNothingInTheSummary() throws Exception {
        assertThat(summaryOver(Plans.FE_DECISIONS.replace("stream: fe", "stream: be")).waivers()).isEmpty();
    }
}
