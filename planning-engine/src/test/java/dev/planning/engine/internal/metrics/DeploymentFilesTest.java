package dev.planning.engine.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.engine.internal.outcome.CoverageReports;
import dev.planning.engine.internal.outcome.DeploymentLog;
import dev.planning.engine.internal.outcome.DeploymentLogReader;
import dev.planning.engine.internal.outcome.OutcomeSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The DORA and defect inputs over a cycle's several deployments files: a deployment, incident or defect
 * counts once, and a day of the deployment period once, or the figures are refused naming the files.
 */
class DeploymentFilesTest {

    private static final String SHA = "ab".repeat(32);

    private static OutcomeSet.Stored<DeploymentLog> file(String name, String period, String deployment,
            String extra) {
        String yaml = "version: \"1.0\"\n" + (period == null ? "" : "period: " + period + "\n") + "deployments:\n  - "
                + deployment + "\n" + extra;
        String path = "outcomes/2025-09-02/deployments/" + name;
        return new OutcomeSet.Stored<>(path, SHA,
                new DeploymentLogReader().parse(yaml.getBytes(StandardCharsets.UTF_8), path));
    }

    private static final String D1 = "{id: D-1, time: 2025-08-21T15:00:00Z, status: success,"
            + " commits: [{sha: 3f2a9c1, time: 2025-08-20T15:00:00Z}]}";
    private static final String D2 = "{id: D-2, time: 2025-09-03T15:00:00Z, status: failure,"
            + " commits: [{sha: 4f2a9c1, time: 2025-09-03T09:00:00Z}]}";
    private static final String FIRST = "{start: 2025-08-19T00:00:00Z, end: 2025-09-02T00:00:00Z}";
    private static final String SECOND = "{start: 2025-09-02T00:00:00Z, end: 2025-09-16T00:00:00Z}";

    private static Map<String, Double> inputs(List<OutcomeSet.Stored<DeploymentLog>> files) {
        return OutcomeInputs.of(new OutcomeSet(List.of(), CoverageReports.none("outcomes"), List.of(),
                new ArrayList<>(files)));
    }

    @Test
    void filesOfAdjacentPeriodsAndDistinctDeploymentsAddUp() {
        var inputs = inputs(List.of(file("0a-w1.yaml", FIRST, D1, ""), file("1b-w2.yaml", SECOND, D2, "")));

        assertThat(inputs).containsEntry("deployments_total", 2.0).containsEntry("deployments_failed", 1.0)
                .containsEntry("deployment_period_days", 28.0);
    }

    /** The same deployment in two files (two exports that overlap) doubled every DORA count it is in. */
    @Test
    void aDeploymentListedInTwoFilesIsRefusedNamingBoth() {
        assertThatThrownBy(() -> inputs(List.of(file("0a-w1.yaml", FIRST, D1, ""), file("1b-w2.yaml", null, D1, ""))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("deployment D-1 is listed in outcomes/2025-09-02/deployments/0a-w1.yaml:4:10 and again in"
                        + " outcomes/2025-09-02/deployments/1b-w2.yaml:3:10; each deployment, incident and defect counts"
                        + " once: list it in one file");
    }

    @Test
    void anIncidentOrDefectListedInTwoFilesIsRefused() {
        String incident = "incidents:\n  - {id: INC-1, start: 2025-09-03T16:00:00Z, caused_by: D-%s}\n";
        assertThatThrownBy(() -> inputs(List.of(file("0a-w1.yaml", FIRST, D1, incident.formatted("1")),
                file("1b-w2.yaml", SECOND, D2, incident.formatted("2")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("incident INC-1 is listed in outcomes/2025-09-02/deployments/0a-w1.yaml:6:10 and again in");
        String defect = "defects:\n  - {id: BUG-1, severity: high, found: after_release}\n";
        assertThatThrownBy(() -> inputs(List.of(file("0a-w1.yaml", FIRST, D1, defect), file("1b-w2.yaml", SECOND, D2,
                defect))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("defect BUG-1 is listed in outcomes/2025-09-02/deployments/0a-w1.yaml:6:10 and again in");
    }

    /** Periods summed over files counted an overlap twice: deployments per week read lower than they were. */
    @Test
    void periodsThatOverlapAreRefusedRatherThanCountingADayTwice() {
        String overlapping = "{start: 2025-09-01T00:00:00Z, end: 2025-09-16T00:00:00Z}";

        assertThatThrownBy(() -> inputs(List.of(file("0a-w1.yaml", FIRST, D1, ""),
                file("1b-w2.yaml", overlapping, D2, ""))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the period of outcomes/2025-09-02/deployments/1b-w2.yaml:2:9 (2025-09-01T00:00:00Z to"
                        + " 2025-09-16T00:00:00Z) overlaps that of outcomes/2025-09-02/deployments/0a-w1.yaml:2:9"
                        + " (2025-08-19T00:00:00Z to 2025-09-02T00:00:00Z); deployment frequency counts each day"
                        + " once: give the files periods that do not overlap");
    }

    /**
     * A file's name and an incident's id are whatever a contributor committed (an incident id is any text,
     * a double-quoted YAML scalar may hold a line feed or an escape): the refusal shows both on one line.
     */
    @Test
    void theRefusalShowsAnIdAndAFileNameOnOneLine() {
        String incident = "incidents:\n  - {id: \"INC-1\\nok: KPIs computed\\e[2K\", start: 2025-09-03T16:00:00Z,"
                + " caused_by: D-%s}\n";
        assertThatThrownBy(() -> inputs(List.of(file("0a\nw1.yaml", FIRST, D1, incident.formatted("1")),
                file("1b-w2.yaml", SECOND, D2, incident.formatted("2")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("incident INC-1\\u000Aok: KPIs computed\\u001B[2K is listed in"
                        + " outcomes/2025-09-02/deployments/0a\\u000Aw1.yaml:6:10 and again in"
                        + " outcomes/2025-09-02/deployments/1b-w2.yaml:6:10; each deployment, incident and defect counts"
                        + " once: list it in one file");
        assertThatThrownBy(() -> inputs(List.of(file("0a-w1.yaml", FIRST, D1, ""),
                file("1b\u001b[2Kw2.yaml", "{start: 2025-09-01T00:00:00Z, end: 2025-09-16T00:00:00Z}", D2, ""))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the period of outcomes/2025-09-02/deployments/1b\\u001B[2Kw2.yaml:2:9 (");
    }

    /** errors18: every mistake across the files, each at its line and column in both files, not the first alone. */
    @Test
    void everyEntryCountedTwiceAndEveryOverlapIsListedEachAtItsPlaceInBothFiles() {
        String overlapping = "{start: 2025-09-01T00:00:00Z, end: 2025-09-16T00:00:00Z}";
        String defect = "defects:\n  - {id: BUG-1, severity: high, found: after_release}\n";

        assertThatThrownBy(() -> inputs(List.of(file("0a-w1.yaml", FIRST, D1, defect),
                file("1b-w2.yaml", overlapping, "{id: D-1, time: 2025-09-03T15:00:00Z, status: success, commits: []}",
                        defect))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("deployments files count the same thing twice: 3 errors:\n"
                        + "  outcomes/2025-09-02/deployments/1b-w2.yaml:4:10: deployment D-1 is listed in"
                        + " outcomes/2025-09-02/deployments/0a-w1.yaml:4:10 and again in"
                        + " outcomes/2025-09-02/deployments/1b-w2.yaml:4:10; each deployment, incident and defect counts"
                        + " once: list it in one file\n"
                        + "  outcomes/2025-09-02/deployments/1b-w2.yaml:6:10: defect BUG-1 is listed in"
                        + " outcomes/2025-09-02/deployments/0a-w1.yaml:6:10 and again in"
                        + " outcomes/2025-09-02/deployments/1b-w2.yaml:6:10; each deployment, incident and defect counts"
                        + " once: list it in one file\n"
                        + "  outcomes/2025-09-02/deployments/1b-w2.yaml:2:9: the period of"
                        + " outcomes/2025-09-02/deployments/1b-w2.yaml:2:9 (2025-09-01T00:00:00Z to 2025-09-16T00:00:00Z)"
                        + " overlaps that of outcomes/2025-09-02/deployments/0a-w1.yaml:2:9 (2025-08-19T00:00:00Z to"
                        + " 2025-09-02T00:00:00Z); deployment frequency counts each day once: give the files periods that"
                        + " do not overlap")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow())
                        .hasToString("outcomes/2025-09-02/deployments/1b-w2.yaml:4:10"));
    }
}
