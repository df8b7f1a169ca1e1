package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.SealingException;
import dev.planning.engine.fixtures.GitFixture;
import dev.planning.engine.internal.evidence.EvidenceInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * review27, as SPEC §8's adversary (commits any file): a gitlink committed at an input's own path (not at a
 * directory above it) with a regular file in the work tree. HEAD holds no bytes of that input, so a seal naming
 * HEAD is never clean.
 */
class GitlinkAtAnInputReviewTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final String FE_PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";

    @TempDir
    Path dir;

    @Test
    void aGitlinkCommittedAtAnInputsPathDoesNotSealClean() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        GitFixture.requireCliInit(ws, "to make a gitlink");
        Files.createDirectories(ws.resolve(FE_PLAN).getParent());
        Files.writeString(ws.resolve("frameworks/capacity.yaml"), "tasks: []\n");
        GitFixture.cli(ws, "add", "-A");
        GitFixture.cli(ws, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "c");
        String head = GitFixture.cli(ws, "rev-parse", "HEAD").strip();
        GitFixture.cli(ws, "update-index", "--add", "--cacheinfo", "160000," + head + "," + FE_PLAN);
        GitFixture.cli(ws, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "link");
        Files.writeString(ws.resolve(FE_PLAN), "tasks: []\n");

        List<String> judged = new EvidenceInputs(ws, WorkspaceLayout.DEFAULT).paths(FE);
        Throwable refused = catchThrowable(() -> {
            GitState state = GitState.of(ws, judged, false, FE, WorkspaceLayout.DEFAULT);
            assertThat(state.dirty()).as("sealed %s clean at %s", judged, state.snapshotRev()).isTrue();
        });

        assertThat(judged).contains(FE_PLAN);
        assertThat(refused).isInstanceOf(SealingException.class).hasMessageContaining(FE_PLAN);
    }
}
