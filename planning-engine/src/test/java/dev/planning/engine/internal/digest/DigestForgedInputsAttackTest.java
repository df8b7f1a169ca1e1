package dev.planning.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.outcome.CoverageReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * digest39: the digest counted what anyone who commits files, holding no key, can forge. The handoff manifest's
 * {@code governance.critical_violations} (a KPI input) was taken from the manifest as written, signed or not, so a
 * count rewritten after signing was the KPI's figure; and an earlier digest committed for a cycle that never ran (no
 * event log), or over the one its cycle published, was the baseline of this cycle's deltas and trends. Each walks a
 * workspace through sealing and signing.
 */
@Tag("slow")
@Tag("attack")
class DigestForgedInputsAttackTest {

    private static final CycleRef FIRST = new CycleRef("fe", "2025-09-02");
    private static final CycleRef SECOND = new CycleRef("fe", "2025-09-16");
    private static final String RULEBOOK = CycleWorkspace.RULEBOOK + "  - {name: critical_count, formula:"
            + " \"critical_violations\", inputs: [critical_violations], unit: count, target: 0,"
            + " direction: lower_is_better}\n";

    @TempDir
    Path root;

    private PlanningWorkspace workspace;

    @BeforeEach
    void setUp() {
        CycleWorkspace.create(root, FIRST.cycleId(), SECOND.cycleId());
        CycleWorkspace.write(root.resolve("rulebook/rulebook.yaml"), RULEBOOK);
        workspace = CycleWorkspace.open(root, CycleWorkspace.START);
    }

    private void runToValidated(CycleRef cycle) {
        workspace.create(cycle);
        for (CycleState state : List.of(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, CycleState.EXECUTED,
                CycleState.VALIDATED)) {
            assertThat(CycleWorkspace.advance(workspace, cycle, state).accepted()).as("advance to " + state).isTrue();
        }
    }

    private DigestPublisher publisher() {
        return new DigestPublisher(workspace, WorkspaceLayout.DEFAULT, CoverageReader.NONE);
    }

    @Test
    void aCriticalCountRewrittenAfterSigningIsNotMeasuredAndTheDigestSaysTheManifestDoesNotVerify() throws IOException {
        runToValidated(FIRST);
        // Signed and verified with the keys the workspace was built to trust (as `--trust FILE` gives them): counted.
        assertThat(workspace.kpis(FIRST).get("critical_count").actual()).contains(0.0);
        Path manifest = root.resolve(WorkspaceLayout.DEFAULT.manifest(FIRST));
        String sealed = Files.readString(manifest, StandardCharsets.UTF_8);
        assertThat(sealed).contains("critical_violations: 0\n");
        Files.writeString(manifest, sealed.replace("critical_violations: 0\n", "critical_violations: 7\n"),
                StandardCharsets.UTF_8);

        DigestSummary digest = workspace.digest(FIRST).summary();

        assertThat(digest.kpis().get("critical_count").actual()).isEmpty();
        assertThat(digest.inputs()).doesNotContainKey("critical_violations");
        assertThat(Files.readString(root.resolve(WorkspaceLayout.DEFAULT.digest(FIRST)), StandardCharsets.UTF_8))
                .contains("- verification: DOES NOT VERIFY, so its `critical_violations` is not measured")
                .contains("2025-09-02-handoff\\_manifest\\.yaml\\: SEAL\\_EVENT\\_MISMATCH\\: the manifest (without its"
                        + " signatures) is not the one MANIFEST\\_SEALED recorded");
    }

    @Test
    void anUnverifiedExcerptCountsNoCriticalViolationsAndAVerifiedOneCountsWhatItSays() throws IOException {
        Files.writeString(root.resolve("m.yaml"), "manifest_id: m-1\ngovernance:\n  critical_violations: 0\n",
                StandardCharsets.UTF_8);

        ManifestExcerpt read = ManifestExcerpt.read(root, "m.yaml").orElseThrow();

        assertThat(read.criticalViolations()).contains(0);
        assertThat(read.countedCriticalViolations()).isEmpty();
        assertThat(read.verified(List.of("m.yaml: SIGNATURE_INVALID: forged")).countedCriticalViolations()).isEmpty();
        assertThat(read.verified(List.of()).countedCriticalViolations()).contains(0);
    }

    @Test
    void anEarlierDigestOfACycleThatNeverRanIsRefusedNotTheBaseline() throws IOException {
        runToValidated(FIRST);
        Path first = root.resolve(publisher().publish(FIRST, Optional.empty()).path());
        CycleRef never = new CycleRef("fe", "2025-09-09");
        String forged = Files.readString(first, StandardCharsets.UTF_8).replace("cycle_id: 2025-09-02\n",
                "cycle_id: 2025-09-09\n");
        String path = WorkspaceLayout.DEFAULT.digest(never);
        Files.writeString(root.resolve(path), forged, StandardCharsets.UTF_8);
        runToValidated(SECOND);

        assertThatThrownBy(() -> publisher().publish(SECOND, Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the earlier digest " + path + " is of cycle fe/2025-09-09, which has no event log")
                .hasMessageContaining(WorkspaceLayout.DEFAULT.eventLog(never));
    }

    @Test
    void anEarlierDigestOtherThanTheOneItsCyclePublishedIsRefusedNotTheBaseline() throws IOException {
        runToValidated(FIRST);
        Path first = root.resolve(publisher().publish(FIRST, Optional.empty()).path());
        String published = Files.readString(first, StandardCharsets.UTF_8);
        assertThat(published).contains("\n  plan_accuracy:\n    actual: 25.0\n");
        String forged = published.replace("\n  plan_accuracy:\n    actual: 25.0\n", "\n  plan_accuracy:\n    actual: 5.0\n");
        Files.writeString(first, forged, StandardCharsets.UTF_8);
        runToValidated(SECOND);

        assertThatThrownBy(() -> publisher().publish(SECOND, Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the earlier digest " + WorkspaceLayout.DEFAULT.digest(FIRST)
                        + " is not the one cycle fe/2025-09-02 published")
                .hasMessageContaining("records SHA-256 " + Sha256.hex(published.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining(", the file's is " + Sha256.hex(forged.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * review39: the published digest's hash was checked only when the earlier cycle's log recorded a publication, so a
     * digest committed for a cycle that ran but published none was the baseline, a central store's log or not.
     */
    @Test
    void anEarlierDigestOfACycleThatPublishedNoneIsRefusedNotTheBaseline() throws IOException {
        runToValidated(FIRST);
        String rendered = publisher().render(FIRST, Optional.empty());
        assertThat(rendered).contains("\n  plan_accuracy:\n    actual: 25.0\n");
        String path = WorkspaceLayout.DEFAULT.digest(FIRST);
        CycleWorkspace.write(root.resolve(path), rendered.replace("\n  plan_accuracy:\n    actual: 25.0\n",
                "\n  plan_accuracy:\n    actual: 5.0\n"));
        runToValidated(SECOND);

        assertThatThrownBy(() -> publisher().publish(SECOND, Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the earlier digest " + path + " is not one cycle fe/2025-09-02 published: its"
                        + " event log " + WorkspaceLayout.DEFAULT.eventLog(FIRST) + " records no publication of it");
    }
}
