package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.fixtures.CycleWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hostile36: a deployments file whose incident is {@code caused_by} a deployment made after the incident began,
 * or whose rework deployment {@code remediates} an incident that began after it. Both were imported: the later
 * deployment counted as a change failure (and its recovery ran from an incident older than it), the earlier
 * one as rework of an outage it preceded; which deployment failed was the file's word, whatever the times
 * said. Cause before effect is checked as a commit later than its deployment already was: each refused at its
 * place, every one of the file at once, and nothing stored.
 */
class IncidentOrderAttackTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path root;

    @TempDir
    Path reports;

    private PlanningWorkspace workspace;

    @BeforeEach
    void setUp() {
        workspace = CycleWorkspace.cycle(root, CYCLE, CycleWorkspace.RULEBOOK);
    }

    private InvalidInputException refused(String deployments) {
        Path file = reports.resolve("deployments.yaml");
        CycleWorkspace.write(file, deployments);
        return catchThrowableOfType(InvalidInputException.class, () -> workspace.importOutcomes(CYCLE, List.of(file)));
    }

    @Test
    void anIncidentCausedByALaterDeploymentIsRefusedAtItsCause() {
        InvalidInputException refused = refused("""
                version: "1.0"
                deployments:
                  - {id: D-1, time: 2025-09-03T10:00:00Z, status: success, commits: []}
                  - {id: D-2, time: 2025-09-05T10:00:00Z, status: success, commits: []}
                incidents:
                  - {id: INC-1, start: 2025-09-04T12:00:00Z, end: 2025-09-04T13:00:00Z, caused_by: D-2}
                """);

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("incident INC-1 started at 2025-09-04T12:00:00Z, before deployment D-2"
                + " at 2025-09-05T10:00:00Z");
        assertThat(refused.location()).hasValueSatisfying(at -> {
            assertThat(at.file()).endsWith("deployments.yaml");
            assertThat(at.line()).isEqualTo(6);
            assertThat(at.column()).isGreaterThan(1);
        });
        assertThat(Files.exists(root.resolve("frameworks/planning-fe/outcomes"))).isFalse();
    }

    @Test
    void aReworkDeploymentMadeBeforeItsIncidentBeganIsRefusedAtItsRemediates() {
        InvalidInputException refused = refused("""
                version: "1.0"
                deployments:
                  - {id: D-1, time: 2025-09-03T10:00:00Z, status: success, commits: []}
                  - {id: D-2, time: 2025-09-03T11:00:00Z, status: success, remediates: INC-1, commits: []}
                incidents:
                  - {id: INC-1, start: 2025-09-04T12:00:00Z, end: 2025-09-04T13:00:00Z, caused_by: D-1}
                """);

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("deployment D-2 at 2025-09-03T11:00:00Z remediates INC-1, which started"
                + " later");
        assertThat(refused.location()).hasValueSatisfying(at -> assertThat(at.line()).isEqualTo(4));
    }

    @Test
    void bothMistakesOfOneFileAreNamedAtOnce() {
        InvalidInputException refused = refused("""
                version: "1.0"
                deployments:
                  - {id: D-1, time: 2025-09-03T10:00:00Z, status: success, commits: []}
                  - {id: D-2, time: 2025-09-03T11:00:00Z, status: success, remediates: INC-1, commits: []}
                  - {id: D-3, time: 2025-09-05T10:00:00Z, status: success, commits: []}
                incidents:
                  - {id: INC-1, start: 2025-09-04T12:00:00Z, end: 2025-09-04T13:00:00Z, caused_by: D-3}
                """);

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("deployments.yaml:4:").contains("deployments.yaml:7:")
                .contains("remediates INC-1, which started later").contains("before deployment D-3");
    }

    @Test
    void anIncidentStartingWhenItsDeploymentLandedAndAFixAtItsStartAreTaken() {
        Path file = reports.resolve("deployments.yaml");
        CycleWorkspace.write(file, """
                version: "1.0"
                deployments:
                  - {id: D-1, time: 2025-09-03T10:00:00Z, status: success, commits: []}
                  - {id: D-2, time: 2025-09-03T10:00:00Z, status: success, remediates: INC-1, commits: []}
                incidents:
                  - {id: INC-1, start: 2025-09-03T10:00:00Z, end: 2025-09-03T11:00:00Z, caused_by: D-1}
                """);

        assertThat(workspace.importOutcomes(CYCLE, List.of(file)).eventId()).isPresent();
    }
}
