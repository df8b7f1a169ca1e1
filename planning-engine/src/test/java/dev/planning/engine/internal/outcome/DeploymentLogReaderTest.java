package dev.planning.engine.internal.outcome;

import static dev.planning.engine.internal.outcome.JUnitReportParserTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentLogReaderTest {

    private final DeploymentLogReader reader = new DeploymentLogReader();

    static final String LOG = """
            version: "1.0"
            period: {start: 2025-08-19T00:00:00Z, end: 2025-09-02T00:00:00Z}
            deployments:
              - id: D-1
                time: 2025-08-21T15:00:00Z
                status: success
                commits: [{sha: 3f2a9c1, time: 2025-08-20T15:00:00Z}]
                tasks: [FE-2]
              - id: D-2
                time: 2025-08-28T15:00:00Z
                status: failure
                commits: [{sha: 4f2a9c1, time: 2025-08-28T09:00:00Z}]
            incidents:
              - {id: INC-1, start: 2025-08-29T10:00:00Z, end: 2025-08-29T13:00:00Z, caused_by: D-1}
              - {id: INC-2, start: 2025-08-30T10:00:00Z, caused_by: D-1}
            defects:
              - {id: BUG-1, severity: high, found: after_release, task: FE-2}
            """;

    @Test
    void readsDeploymentsIncidentsAndDefects() {
        DeploymentLog log = reader.parse(bytes(LOG), "deployments.yaml");

        assertThat(log.period().orElseThrow().days()).isEqualTo(14.0);
        assertThat(log.deployments()).hasSize(2);
        assertThat(log.deployments().get(0).commits().get(0).time()).isEqualTo(Instant.parse("2025-08-20T15:00:00Z"));
        assertThat(log.deployments().get(0).tasks()).containsExactly("FE-2");
        assertThat(log.incidents().get(1).end()).isEmpty();
        assertThat(log.defects().get(0).escaped()).isTrue();
        assertThat(log.defectsReported()).isTrue();
    }

    @Test
    void countsADeploymentThatCausedAnIncidentAsFailed() {
        DeploymentLog log = reader.parse(bytes(LOG), "deployments.yaml");

        assertThat(log.failed(log.deployments().get(0))).isTrue();
        assertThat(log.failed(log.deployments().get(1))).isTrue();
    }

    @Test
    void refusesAnIncidentCausedByAnUnknownDeploymentAtItsLine() {
        String bad = LOG.replace("caused_by: D-1}\n  - {id: INC-2", "caused_by: D-9}\n  - {id: INC-2");

        assertThatThrownBy(() -> reader.parse(bytes(bad), "deployments.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("caused_by 'D-9', which is not a deployment of this file")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(14));
    }

    @Test
    void refusesACommitLaterThanItsDeployment() {
        String bad = LOG.replace("{sha: 3f2a9c1, time: 2025-08-20T15:00:00Z}", "{sha: 3f2a9c1, time: 2025-08-22T15:00:00Z}");

        assertThatThrownBy(() -> reader.parse(bytes(bad), "deployments.yaml"))
                .hasMessageContaining("is after the deployment's time");
    }

    @Test
    void refusesAMissingStatusWithTheSchemaMessage() {
        String bad = LOG.replace("    status: success\n", "");

        assertThatThrownBy(() -> reader.parse(bytes(bad), "deployments.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid deployments file")
                .hasMessageContaining("status");
    }

    @Test
    void leavesDefectsUnreportedWithoutADefectsList() {
        DeploymentLog log = reader.parse(bytes(LOG.substring(0, LOG.indexOf("defects:"))), "deployments.yaml");

        assertThat(log.defectsReported()).isFalse();
    }

    @Test
    void linksAnIncidentWithoutCausedByToTheLatestDeploymentInTheWindow() {
        String windowed = LOG.replace("version: \"1.0\"\n", "version: \"1.0\"\nincident_window_hours: 24\n")
                .replace(", caused_by: D-1}\n  - {id: INC-2", "}\n  - {id: INC-2");

        DeploymentLog log = reader.parse(bytes(windowed), "deployments.yaml");

        // INC-1 starts 2025-08-29T10:00, 19 hours after D-2: linked to D-2, not to D-1 eight days before.
        assertThat(log.incidents().get(0).causedBy()).contains("D-2");
    }

    @Test
    void refusesAnIncidentNamingNoDeploymentWithoutAWindow() {
        String unlinked = LOG.replace(", caused_by: D-1}\n  - {id: INC-2", "}\n  - {id: INC-2");

        assertThatThrownBy(() -> reader.parse(bytes(unlinked), "deployments.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("incident INC-1 names no deployment")
                .hasMessageContaining("incident_window_hours");
    }

    @Test
    void measuresReworkAndRecoveryOfFailedDeployments() {
        String rework = LOG.replace("    tasks: [FE-2]\n", "    tasks: [FE-2]\n"
                + "  - {id: D-3, time: 2025-08-29T12:00:00Z, status: success, remediates: INC-1, commits: []}\n");

        DeploymentLog log = reader.parse(bytes(rework), "deployments.yaml");

        assertThat(log.deployments().stream().filter(log::rework).map(DeploymentLog.Deployment::id)).containsExactly("D-3");
        // D-1: INC-1 took 3 hours but INC-2 is still open, so D-1 has not recovered (hostile36: it read 3 hours);
        // D-2 failed and D-3 succeeded 21 hours later.
        assertThat(log.recoveryHours()).containsExactlyInAnyOrder(Double.POSITIVE_INFINITY, 21.0);
    }

    /**
     * kpi37, the rule: a file need not list its deployments in time order, so of two deployments at one instant
     * neither is known to have come after the other. A success at the very instant of a failure, on a later line or
     * an earlier one, of this file or another, does not recover it; the first success after it does.
     */
    @Test
    void aSuccessAtTheInstantOfAFailureDoesNotRecoverItWhateverItsLine() {
        DeploymentLog log = reader.parse(bytes("""
                version: "1.0"
                deployments:
                  - {id: D-1, time: 2025-08-21T15:00:00Z, status: success, commits: []}
                  - {id: D-2, time: 2025-08-21T15:00:00Z, status: failure, commits: []}
                  - {id: D-3, time: 2025-08-21T15:00:00Z, status: success, commits: []}
                  - {id: D-4, time: 2025-08-21T16:30:00Z, status: success, commits: []}
                """), "deployments.yaml");

        assertThat(log.recoveryHours()).containsExactly(1.5);
        // Another file's success at that instant neither.
        assertThat(log.recoveryHours(List.of(Instant.parse("2025-08-21T15:00:00Z"), Instant.parse("2025-08-21T16:30:00Z"))))
                .containsExactly(1.5);
        // Without a success after it, not yet recovered.
        DeploymentLog alone = reader.parse(bytes("""
                version: "1.0"
                deployments:
                  - {id: D-1, time: 2025-08-21T15:00:00Z, status: failure, commits: []}
                  - {id: D-2, time: 2025-08-21T15:00:00Z, status: success, commits: []}
                """), "deployments.yaml");
        assertThat(alone.recoveryHours()).containsExactly(Double.POSITIVE_INFINITY);
    }

    @Test
    void refusesReworkNamingAnUnknownIncident() {
        String rework = LOG.replace("    tasks: [FE-2]\n", "    tasks: [FE-2]\n"
                + "  - {id: D-3, time: 2025-08-29T12:00:00Z, status: success, remediates: INC-9, commits: []}\n");

        assertThatThrownBy(() -> reader.parse(bytes(rework), "deployments.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("remediates 'INC-9', which is not an incident of this file");
    }

    private static final String WINDOWED = """
            version: "1.0"
            deployments:
              - {id: D-1, time: 2025-08-21T10:00:00Z, status: success, commits: [{sha: 3f2a9c1, time: 2025-08-20T15:00:00Z}]}
            incident_window_hours: WINDOW
            incidents:
              - {id: INC-1, start: 2025-08-21T11:07:48Z}
            """;

    /**
     * 1.13 hours are 4,068 seconds exactly, but 1.13 * 3600 as doubles is 4067.9999...: the window ended a
     * second short, and an incident 4,068 seconds after the deployment counted against no deployment.
     */
    @Test
    void anIncidentWindowIsExactlyTheHoursWritten() {
        DeploymentLog log = reader.parse(bytes(WINDOWED.replace("WINDOW", "1.13")), "deployments.yaml");

        assertThat(log.incidents().get(0).causedBy()).contains("D-1");
        assertThat(log.failed(log.deployments().get(0))).isTrue();
        DeploymentLog shorter = reader.parse(bytes(WINDOWED.replace("WINDOW", "1.12")), "deployments.yaml");
        assertThat(shorter.incidents().get(0).causedBy()).isEmpty();
    }

    /**
     * A window is read in whole seconds: one that is not a whole number of seconds (0.0001 hours), that a
     * double reads as another number (1e-400 as 0), or too long to be read as a number is refused at its
     * line, with what is expected, rather than cut to a window it does not say or called "not a number".
     */
    @Test
    void refusesAnIncidentWindowThatIsNotAWholeNumberOfSecondsAsWritten() {
        for (String[] c : new String[][] {
            {"0.0001", "`incident_window_hours` is 0.0001 hours, which is not a whole number of seconds"},
            {"1e-400", "`incident_window_hours` is 1E-400, which a double reads as 0"},
            {"1" + "0".repeat(1001), "a number of 1,002 characters, more than the 1,000 a number may have"}}) {
            assertThatThrownBy(() -> reader.parse(bytes(WINDOWED.replace("WINDOW", c[0])), "deployments.yaml"))
                    .as(c[0]).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(c[1])
                    .hasMessageNotContaining("string found")
                    .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().toString())
                            .startsWith("deployments.yaml:4:"));
        }
    }

    /**
     * Deployment frequency is the file's deployments over its period: a deployment outside the period
     * raised the frequency of days it did not fall in. Refused at its time; one on either end is taken.
     */
    @Test
    void refusesADeploymentOutsideTheFilesPeriod() {
        String outside = LOG.replace("time: 2025-08-28T15:00:00Z", "time: 2025-09-02T00:00:01Z");

        assertThatThrownBy(() -> reader.parse(bytes(outside), "deployments.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("deployment D-2 at 2025-09-02T00:00:01Z lies outside the file's period (2025-08-19T00:00:00Z"
                        + " to 2025-09-02T00:00:00Z): deployment frequency counts the deployments within it; widen the"
                        + " period or list the deployment in the file of its period")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().toString())
                        .startsWith("deployments.yaml:10:"));
        String onTheEnds = LOG.replace("time: 2025-08-21T15:00:00Z", "time: 2025-08-19T00:00:00Z")
                .replace("time: 2025-08-28T15:00:00Z", "time: 2025-09-02T00:00:00Z")
                .replace("time: 2025-08-20T15:00:00Z", "time: 2025-08-18T15:00:00Z");
        assertThat(reader.parse(bytes(onTheEnds), "deployments.yaml").deployments()).hasSize(2);
    }
}
