package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.engine.fixtures.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot_rev check started ahead on its own thread gives the answer the same check gives on
 * the calling thread, in every case, and fails there as it would.
 */
class SnapshotCheckTest {

    private static final Instant AT = Instant.parse("2025-09-02T10:00:00Z");
    private static final String UNKNOWN = "0123456789abcdef0123456789abcdef01234567";

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
