package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.engine.fixtures.GitFixture;
import dev.planning.engine.internal.git.GitRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot_rev check started ahead on its own thread gives the answer the same check gives on
 * the calling thread, in every case, and fails there as it would.
 */
class SnapshotCheckTest {

    private static final Instant AT = Instant.parse("2025-09-02T10:00:00Z");
    private static final String UNKNOWN = "0123456789abcdef0123456789abcdef01234567";
    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path dir;

    @Test
    void aCommitOfTheWorkspacesRepositoryIsNoDiscrepancy() throws Exception {
        Path ws = committed();
        String head = GitFixture.commitAll(ws, "second");

        assertThat(SnapshotCheck.ahead(ws, manifest(head, false), "m.yaml").result()).isEmpty();
    }

    @Test
    void aRevisionTheRepositoryDoesNotHaveIsTheSameDiscrepancyAsOnTheCallingThread() throws Exception {
        Path ws = committed();
        HandoffManifest manifest = manifest(UNKNOWN, false);

        Optional<Discrepancy> ahead = SnapshotCheck.ahead(ws, manifest, "m.yaml").result();

        assertThat(ahead).isEqualTo(SnapshotCheck.check(ws, manifest, "m.yaml"));
        assertThat(ahead).get().extracting(Discrepancy::kind).isEqualTo(DiscrepancyKind.SNAPSHOT_REV_MISSING);
        assertThat(ahead.get().describe()).contains("is not a commit of the workspace's repository");
    }

    @Test
    void anObjectThatIsNotACommitIsReported() throws Exception {
        Path ws = committed();
        String tree;
        try (var git = org.eclipse.jgit.api.Git.open(ws.toFile())) {
            tree = git.getRepository().resolve("HEAD^{tree}").name();
        }

        assertThat(SnapshotCheck.ahead(ws, manifest(tree, false), "m.yaml").result()).get()
                .extracting(Discrepancy::kind).isEqualTo(DiscrepancyKind.SNAPSHOT_REV_MISSING);
    }

    @Test
    void aWorkspaceOutsideAnyRepositoryIsTheSameDiscrepancyAsOnTheCallingThread() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("plain"));
        HandoffManifest manifest = manifest(UNKNOWN, false);

        Optional<Discrepancy> ahead = SnapshotCheck.ahead(ws, manifest, "m.yaml").result();

        assertThat(ahead).isEqualTo(SnapshotCheck.check(ws, manifest, "m.yaml"));
        assertThat(ahead.orElseThrow().describe()).contains("not in a git repository");
    }

    @Test
    void noRevisionPassesOnlyWhenTheManifestRecordsDirty() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("plain"));

        assertThat(SnapshotCheck.ahead(ws, manifest("none", true), "m.yaml").result()).isEmpty();
        assertThat(SnapshotCheck.ahead(ws, manifest("none", false), "m.yaml").result()).get()
                .extracting(Discrepancy::kind).isEqualTo(DiscrepancyKind.SNAPSHOT_REV_MISSING);
    }

    @Test
    void aRepositoryThatCannotBeOpenedFailsOnTheCallingThreadWithTheSameMessage() throws Exception {
        Path ws = committed();
        Files.writeString(ws.resolve(".git/config"), "[core\nnot a config\n");
        HandoffManifest manifest = manifest(UNKNOWN, false);
        String expected = messageOf(() -> SnapshotCheck.check(ws, manifest, "m.yaml"));

        assertThatThrownBy(() -> SnapshotCheck.ahead(ws, manifest, "m.yaml").result())
                .isInstanceOf(PlanningException.class).hasMessage(expected)
                .satisfies(e -> assertThat(Arrays.stream(e.getStackTrace()).map(StackTraceElement::getMethodName))
                        .contains("result"));
        assertThat(expected).startsWith("cannot open the git repository of");
    }

    @Test
    void anInterruptedCallerNeverPassesAnUnknownRevisionAndKeepsItsInterruptStatus() throws Exception {
        Path ws = committed();
        SnapshotCheck check = SnapshotCheck.ahead(ws, manifest(UNKNOWN, false), "m.yaml");

        // The answer found ahead, or (the wait interrupted) the check on this thread, where JGit's reads
        // of an interrupted thread fail as they did before the check ran ahead: a discrepancy or an error.
        Thread.currentThread().interrupt();
        Optional<Discrepancy> answer = Optional.empty();
        PlanningException failure = null;
        try {
            answer = check.result();
        } catch (PlanningException e) {
            failure = e;
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
        if (failure == null) {
            assertThat(answer).get().extracting(Discrepancy::kind).isEqualTo(DiscrepancyKind.SNAPSHOT_REV_MISSING);
        } else {
            assertThat(failure).hasMessageContaining(UNKNOWN);
        }
    }

    @Test
    void theInputsTheGatesReadAtTheRevisionAreToldAheadAsOnTheCallingThread() throws Exception {
        Path ws = committedPlans();
        String head = GitFixture.commitAll(ws, "second");
        // Deleted from the work tree only: the inputs are the commit's, not the work tree's.
        Files.delete(ws.resolve("frameworks/capacity.yaml"));

        Optional<Set<String>> ahead = SnapshotCheck.ahead(ws, manifest(head, false), "m.yaml", WorkspaceLayout.DEFAULT,
                Optional.of(FE)).committedInputs();

        Optional<Set<String>> here;
        try (GitRepository git = GitRepository.find(ws).orElseThrow()) {
            here = SealedInputs.committedInputs(git, WorkspaceLayout.DEFAULT, FE, head);
        }
        assertThat(ahead).isEqualTo(here);
        assertThat(ahead.orElseThrow()).contains("frameworks/capacity.yaml", "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");
    }

    @Test
    void noInputsAreToldForADirtyManifestAnUnknownRevisionOrWhenNotAsked() throws Exception {
        Path ws = committedPlans();
        String head = GitFixture.commitAll(ws, "second");

        assertThat(SnapshotCheck.ahead(ws, manifest(head, true), "m.yaml", WorkspaceLayout.DEFAULT, Optional.of(FE))
                .committedInputs()).isEmpty();
        SnapshotCheck unknown = SnapshotCheck.ahead(ws, manifest(UNKNOWN, false), "m.yaml", WorkspaceLayout.DEFAULT,
                Optional.of(FE));
        assertThat(unknown.committedInputs()).isEmpty();
        assertThat(unknown.result()).get().extracting(Discrepancy::kind).isEqualTo(DiscrepancyKind.SNAPSHOT_REV_MISSING);
        assertThat(SnapshotCheck.ahead(ws, manifest(head, false), "m.yaml").committedInputs()).isEmpty();
    }

    @Test
    void theInputsOfARepositoryThatCannotBeOpenedFailOnTheCallingThread() throws Exception {
        Path ws = committedPlans();
        String head = GitFixture.commitAll(ws, "second");
        Files.writeString(ws.resolve(".git/config"), "[core\nnot a config\n");
        HandoffManifest manifest = manifest(head, false);
        String expected = messageOf(() -> SnapshotCheck.check(ws, manifest, "m.yaml"));

        assertThatThrownBy(() -> SnapshotCheck.ahead(ws, manifest, "m.yaml", WorkspaceLayout.DEFAULT, Optional.of(FE))
                .committedInputs())
                .isInstanceOf(PlanningException.class).hasMessage(expected)
                .satisfies(e -> assertThat(Arrays.stream(e.getStackTrace()).map(StackTraceElement::getMethodName))
                        .contains("committedInputs"));
    }

    private Path committedPlans() throws Exception {
        Path ws = committed();
        Files.createDirectories(ws.resolve("frameworks/planning-fe/tasks"));
        Files.writeString(ws.resolve("frameworks/capacity.yaml"), "capacity: {}\n");
        Files.writeString(ws.resolve("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml"), "tasks: []\n");
        return ws;
    }

    private Path committed() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(ws.resolve("plan.yaml"), "tasks: []\n");
        GitFixture.commitAll(ws, "initial");
        return ws;
    }

    private static String messageOf(Runnable action) {
        try {
            action.run();
        } catch (PlanningException e) {
            return e.getMessage();
        }
        throw new AssertionError("the check on the calling thread did not fail");
    }

    private static HandoffManifest manifest(String rev, boolean dirty) {
        return new HandoffManifest("1.0.0", "m", "2025-09-02", "fe", true, AT, "tester", AT, rev, dirty, "hash",
                Optional.empty(), List.of(), Map.of(), new GovernanceSummary(List.of(), 0, List.of(), Optional.empty()),
                Optional.empty(), Optional.empty(), List.of());
    }
}
