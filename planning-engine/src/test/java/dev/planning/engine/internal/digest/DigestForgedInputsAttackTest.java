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
import dev.planning.engine.internal.workspace.ManifestBytesVerifier;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
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

        assertThat(read.criticalViolations()).contains(new ManifestExcerpt.Whole(0));
        assertThat(read.countedCriticalViolations()).isEmpty();
        assertThat(read.verified(List.of("m.yaml: SIGNATURE_INVALID: forged")).countedCriticalViolations()).isEmpty();
        assertThat(read.verified(List.of()).countedCriticalViolations()).contains(0);
    }

    /**
     * digest40: a count that is no whole number, written into a signed manifest, refused the whole digest, where a
     * well-formed one written there was merely not measured. One rule now: a manifest that does not verify leaves its
     * figures unmeasured whatever its fields say, and the digest says why, naming the file and each discrepancy.
     */
    @Test
    void aMalformedCriticalCountInAManifestThatDoesNotVerifyIsNotMeasuredAndTheDigestSaysWhy() throws IOException {
        runToValidated(FIRST);
        Path manifest = root.resolve(WorkspaceLayout.DEFAULT.manifest(FIRST));
        String sealed = Files.readString(manifest, StandardCharsets.UTF_8);
        Files.writeString(manifest, sealed.replace("critical_violations: 0\n", "critical_violations: -5\n"),
                StandardCharsets.UTF_8);

        DigestSummary digest = workspace.digest(FIRST).summary();

        assertThat(digest.kpis().get("critical_count").actual()).isEmpty();
        assertThat(Files.readString(root.resolve(WorkspaceLayout.DEFAULT.digest(FIRST)), StandardCharsets.UTF_8))
                .contains("- verification: DOES NOT VERIFY, so its `critical_violations` is not measured")
                .contains("2025-09-02-handoff\\_manifest\\.yaml\\: MANIFEST\\_INVALID")
                .contains("critical\\_violations");
    }

    /**
     * digest40: the digest's front matter {@code snapshot_rev} and the body's identity fields were taken from the
     * manifest as written, verified or not: a manifest rewritten after signing named a revision of its own, which a
     * tool reading the front matter took as the sealed one. From a manifest that does not verify, the front matter
     * holds no {@code snapshot_rev}, the header says why, and each identity field is marked unverified.
     */
    @Test
    void theRevisionAndFieldsOfAManifestThatDoesNotVerifyAreNotPresentedAsFacts() throws IOException {
        runToValidated(FIRST);
        Path manifest = root.resolve(WorkspaceLayout.DEFAULT.manifest(FIRST));
        String sealed = Files.readString(manifest, StandardCharsets.UTF_8);
        String rev = workspace.manifest(FIRST).orElseThrow().snapshotRev();
        assertThat(publisher().render(FIRST, Optional.empty())).contains("\nsnapshot_rev: " + rev + "\n");
        String forged = "0123456789abcdef0123456789abcdef01234567";
        assertThat(sealed).contains("snapshot_rev: \"" + rev + "\"\n");
        Files.writeString(manifest, sealed.replace("snapshot_rev: \"" + rev + "\"\n", "snapshot_rev: \"" + forged
                + "\"\n"), StandardCharsets.UTF_8);

        DigestSummary digest = workspace.digest(FIRST).summary();

        assertThat(digest.snapshotRev()).isEmpty();
        String text = Files.readString(root.resolve(WorkspaceLayout.DEFAULT.digest(FIRST)), StandardCharsets.UTF_8);
        assertThat(text.substring(0, text.indexOf("\n---\n", 4))).doesNotContain("snapshot_rev");
        assertThat(text).contains("| Snapshot rev | " + DigestModel.UNVERIFIED_REV + " |")
                .contains("- snapshot_rev: `" + forged + "`" + DigestModel.UNVERIFIED_FIELD + "\n")
                .containsPattern("- manifest_id: [^\n]*" + Pattern.quote(DigestModel.UNVERIFIED_FIELD))
                .contains("- verification: DOES NOT VERIFY");
    }

    /**
     * digest40: the digest read the manifest twice, once for its excerpt and once to verify it, so a file changed
     * between the two reads paired the forged version's figures with the genuine version's verdict. Here the file is
     * forged and the genuine one put back only for the verification of the file: the bytes verified are now the bytes
     * excerpted, so the forged count is not measured.
     */
    @Test
    void aManifestSwappedBetweenTheExcerptAndTheVerificationDoesNotLendItsVerdictToTheOtherVersion()
            throws IOException {
        runToValidated(FIRST);
        Path manifest = root.resolve(WorkspaceLayout.DEFAULT.manifest(FIRST));
        String sealed = Files.readString(manifest, StandardCharsets.UTF_8);
        String forged = sealed.replace("critical_violations: 0\n", "critical_violations: 7\n");
        Files.writeString(manifest, forged, StandardCharsets.UTF_8);
        InvocationHandler swapping = (proxy, method, args) -> {
            boolean fileRead = method.getName().equals("verifyChecksumsOnly") && args[0] instanceof CycleRef
                    && args.length == 2;
            if (fileRead) {
                Files.writeString(manifest, sealed, StandardCharsets.UTF_8);
            }
            try {
                return method.invoke(workspace, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (fileRead) {
                    Files.writeString(manifest, forged, StandardCharsets.UTF_8);
                }
            }
        };
        PlanningWorkspace swapped = (PlanningWorkspace) Proxy.newProxyInstance(PlanningWorkspace.class.getClassLoader(),
                new Class<?>[] {PlanningWorkspace.class, ManifestBytesVerifier.class}, swapping);
        PlanningWorkspace fileOnly = (PlanningWorkspace) Proxy.newProxyInstance(PlanningWorkspace.class.getClassLoader(),
                new Class<?>[] {PlanningWorkspace.class}, swapping);

        for (PlanningWorkspace each : List.of(swapped, fileOnly)) {
            DigestSummary digest = new DigestPublisher(each, WorkspaceLayout.DEFAULT, CoverageReader.NONE)
                    .publish(FIRST, Optional.empty()).summary();

            assertThat(digest.kpis().get("critical_count").actual()).as(each.getClass().getName()).isEmpty();
            assertThat(digest.inputs()).doesNotContainKey("critical_violations");
        }
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
