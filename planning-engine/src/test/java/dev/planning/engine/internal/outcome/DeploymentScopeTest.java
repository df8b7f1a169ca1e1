package dev.planning.engine.internal.outcome;

import static dev.planning.engine.internal.outcome.JUnitReportParserTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.engine.internal.artifact.TaskBreakdownReader;
import dev.planning.engine.internal.document.YamlDocuments;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeploymentScopeTest {

    private static final TaskBreakdown PLAN = new TaskBreakdownReader().read(YamlDocuments.parse(bytes("""
            version: "1.0.0"
            cycle_id: "2025-09-02"
            stream: fe
            tasks:
              - {id: E-1, kind: epic, title: Checkout}
              - {id: S-1, kind: story, parent: E-1, title: Card}
              - {id: T-1, parent: S-1, title: Iframe}
              - {id: T-2, parent: S-1, title: Tokens}
            """), "plan.yaml")).orThrow();

    private static final Instant CREATED = Instant.parse("2025-09-02T08:00:00Z");

    private static OutcomeSet.Stored<DeploymentLog> file(String deployments) {
        String text = "version: \"1.0\"\ndeployments:\n" + deployments;
        return new OutcomeSet.Stored<>("d.yaml", "0".repeat(64), new DeploymentLogReader().parse(bytes(text), "d.yaml"));
    }

    private static final DeploymentScope SCOPE = DeploymentScope.of(() -> Optional.of(CREATED), Optional.of(PLAN));

    @Test
    void anItemWithItemsUnderItIsRefusedNamingThemSinceItIsDeliveredThroughThem() {
        OutcomeSet.Stored<DeploymentLog> file = file(
                "  - {id: D-1, time: 2025-09-03T10:00:00Z, status: success, commits: [], tasks: [T-1, S-1]}\n");

        assertThatThrownBy(() -> SCOPE.require(List.of(file))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("deployment D-1 lists 'S-1', which has items under it in plan.yaml (T-1, T-2)")
                .satisfies(e -> assertThat(((InvalidInputException) e).location()).contains(new SourceLocation("d.yaml", 3, 86)));
    }

    @Test
    void everyMistakeOfEveryFileIsReportedEachAtItsPlace() {
        OutcomeSet.Stored<DeploymentLog> first = file(
                "  - {id: D-1, time: 2025-09-01T10:00:00Z, status: success, commits: [], tasks: [E-1]}\n");
        OutcomeSet.Stored<DeploymentLog> second = file(
                "  - {id: D-2, time: 2025-09-03T10:00:00Z, status: failure, commits: [], tasks: [T-9]}\n");

        assertThatThrownBy(() -> SCOPE.require(List.of(first, second))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("d.yaml:3:21: deployment D-1 at 2025-09-01T10:00:00Z is earlier than the cycle")
                .hasMessageContaining("lists 'E-1', which is an epic")
                .hasMessageContaining("lists 'T-9', which is not the id of a task of plan.yaml");
    }

    @Test
    void aDeploymentFromTheCreationOnListingWorkItemsBelongs() {
        OutcomeSet.Stored<DeploymentLog> file = file(
                "  - {id: D-1, time: 2025-09-02T08:00:00Z, status: success, commits: [], tasks: [T-1, T-2]}\n"
                        + "  - {id: D-2, time: 2025-09-02T09:00:00Z, status: success, commits: []}\n");

        assertThatNoException().isThrownBy(() -> SCOPE.require(List.of(file)));
    }

    /**
     * scope39: a cycle whose log has no event has no creation to judge a deployment against; a scope built so refused
     * none (the recomputed verdicts of a handoff verified without its log counted a deployment of any date).
     */
    @Test
    void withNoCreationKnownEveryDeploymentIsRefusedAtItsTime() {
        OutcomeSet.Stored<DeploymentLog> file = file(
                "  - {id: D-1, time: 2025-09-02T08:00:00Z, status: success, commits: [], tasks: [T-1]}\n"
                        + "  - {id: D-2, time: 2025-09-03T09:00:00Z, status: success, commits: []}\n");

        assertThat(DeploymentScope.of(Optional::empty, Optional.of(PLAN)).check(List.of(file)))
                .map(f -> f.describe()).satisfiesExactly(
                        l -> assertThat(l).startsWith("d.yaml:3:21: error: deployment D-1 at 2025-09-02T08:00:00Z"
                                + " cannot be judged against the cycle: its event log has no event"),
                        l -> assertThat(l).startsWith("d.yaml:4:21: error: deployment D-2 at 2025-09-03T09:00:00Z"
                                + " cannot be judged"));
    }

    /** scope39: {@code NONE}, a scope that checked nothing, was reachable from main code; no such scope is kept. */
    @Test
    void noScopeIsKeptReadyMadeToBypassTheFactory() {
        assertThat(DeploymentScope.class.getDeclaredFields())
                .noneMatch(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == DeploymentScope.class);
        assertThat(CycleCreation.class.getDeclaredFields()).isEmpty();
    }

    /**
     * Found by review38a: as a record, its canonical constructor was public, so code could judge deployments
     * against a creation of its own choosing rather than the log's first event ({@link CycleCreation}).
     */
    @Test
    void noConstructorIsReachableOutsideTheFactory() {
        assertThat(DeploymentScope.class.getDeclaredConstructors())
                .allSatisfy(constructor -> assertThat(Modifier.isPrivate(constructor.getModifiers())).isTrue());
    }
}
