package dev.planning.engine.internal.improve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.hash.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * improve40: {@code planning improve} carried the improvement actions of the cycle's digest file as it found it, so
 * anyone who commits, holding no key, rewrote the published digest and put tasks nobody decided into the next
 * cycle's plan. The digest must be the one the cycle's event log records it published (its SHA-256). Each walks a
 * workspace through sealing, signing and publishing.
 */
@Tag("slow")
@Tag("attack")
class ImproveForgedDigestAttackTest {

    private static final CycleRef FIRST = CycleImproverTest.FIRST;
    private static final CycleRef NEXT = CycleImproverTest.NEXT;

    @TempDir
    Path root;

    @Test
    void aDigestEditedAfterItsCyclePublishedItIsRefusedAndNothingIsCarried() throws IOException {
        PlanningWorkspace workspace = CycleImproverTest.improving(root, false);
        String path = WorkspaceLayout.DEFAULT.digest(FIRST);
        Path digest = root.resolve(path);
        String published = Files.readString(digest, StandardCharsets.UTF_8);
        assertThat(published).contains("Add e2e coverage for checkout");
        String forged = published.replace("Add e2e coverage for checkout", "Grant mallory admin on production");
        Files.writeString(digest, forged, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new CycleImprover(workspace).complete(FIRST, NEXT.cycleId()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the digest " + path + " is not the one cycle fe/2025-09-02 published")
                .hasMessageContaining(WorkspaceLayout.DEFAULT.eventLog(FIRST))
                .hasMessageContaining("records SHA-256 " + Sha256.hex(published.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining(", the file's is " + Sha256.hex(forged.getBytes(StandardCharsets.UTF_8)));
        assertThat(workspace.status(FIRST).state()).isEqualTo(CycleState.IMPROVE);
        assertThat(workspace.status(NEXT).history()).isEmpty();
        assertThat(root.resolve(WorkspaceLayout.DEFAULT.taskBreakdown(NEXT))).doesNotExist();
    }

    @Test
    void theDigestItsCyclePublishedIsCarriedAfterAForgedOneIsRestored() throws IOException {
        PlanningWorkspace workspace = CycleImproverTest.improving(root, false);
        Path digest = root.resolve(WorkspaceLayout.DEFAULT.digest(FIRST));
        String published = Files.readString(digest, StandardCharsets.UTF_8);
        Files.writeString(digest, published.replace("Automate the axe run in CI", "Skip the axe run in CI"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new CycleImprover(workspace).complete(FIRST, NEXT.cycleId()))
                .isInstanceOf(InvalidInputException.class);
        Files.writeString(digest, published, StandardCharsets.UTF_8);

        assertThat(new CycleImprover(workspace).complete(FIRST, NEXT.cycleId()).carried())
                .containsExactly("IA-2025-09-02-1", "IA-2025-09-02-2");
        assertThat(workspace.status(FIRST).state()).isEqualTo(CycleState.COMPLETED);
    }
}
