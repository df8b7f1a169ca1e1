package dev.planning.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SystemFailureException;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.hash.Sha256;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seventh review (2026-12-04): the digest's excerpt of a cycle's manifest read the manifest, and each
 * artifact it lists, whole, whatever their size: a manifest or an artifact (files anyone who commits
 * writes) of 3 GiB ended {@code planning digest} with an {@code OutOfMemoryError}. The manifest is now
 * read up to the bound every YAML document is read to, and an artifact whose size is not the recorded
 * one is "changed" without being read.
 */
class ManifestExcerptAttackTest {

    private static final String SHA = "a".repeat(64);

    @TempDir
    Path workspace;

    private static void sparse(Path file, long length) throws IOException {
        try (RandomAccessFile huge = new RandomAccessFile(file.toFile(), "rw")) {
            huge.setLength(length); // no disk, but a file of that size to whoever reads it
        }
    }

    private void manifest(String artifacts) throws IOException {
        Files.writeString(workspace.resolve("manifest.yaml"), "manifest_id: m-1\nartifacts:\n" + artifacts,
                StandardCharsets.UTF_8);
    }

    @Test
    void anArtifactReplacedByAHugeFileIsChangedWithoutBeingRead() throws IOException {
        manifest("  - {path: plan.yaml, sha256: " + SHA + ", bytes: 12}\n");
        sparse(workspace.resolve("plan.yaml"), 3L << 30);

        ManifestExcerpt excerpt = ManifestExcerpt.read(workspace, "manifest.yaml").orElseThrow();

        assertThat(excerpt.artifacts()).extracting(ManifestExcerpt.Artifact::check).containsExactly("changed");
        assertThat(excerpt.intact()).isFalse();
    }

    /**
     * digest41: a manifest larger than any planning file refused the whole digest, where any other manifest that does
     * not verify leaves only its figures unmeasured (digest40's rule). It is now a manifest that does not verify, as
     * {@code verify} says of it, without being read into memory, whatever the verifier would say of bytes.
     */
    @Test
    void aManifestTooLargeToReadDoesNotVerifyAndCountsNothingNotRefusingTheDigest() throws IOException {
        long size = YamlDocuments.MAX_BYTES + 1L;
        sparse(workspace.resolve("manifest.yaml"), size);

        ManifestExcerpt excerpt = ManifestExcerpt.read(workspace, "manifest.yaml", bytes -> List.of()).orElseThrow();

        assertThat(excerpt.verifies()).isFalse();
        assertThat(excerpt.discrepancies()).singleElement().asString()
                .startsWith("manifest.yaml: MANIFEST_INVALID: ")
                .contains("file is " + size + " bytes; planning files are limited to");
        assertThat(excerpt.countedCriticalViolations()).isEmpty();
        assertThat(excerpt.fields()).isEmpty();
        assertThat(excerpt.sha256()).isEqualTo(Sha256.hex(new byte[(int) size]));
    }

    /**
     * digest41: a manifest that is not YAML refused the whole digest; it is now a manifest that does not verify, as
     * {@code verify} says of it, and never one that verifies, whatever the verifier of its bytes found.
     */
    @Test
    void aManifestThatIsNotYamlDoesNotVerifyAndCountsNothingNotRefusingTheDigest() throws IOException {
        Files.writeString(workspace.resolve("manifest.yaml"), "manifest_id: [m-1\ngovernance:\n"
                + "  critical_violations: 0\n", StandardCharsets.UTF_8);

        ManifestExcerpt excerpt = ManifestExcerpt.read(workspace, "manifest.yaml", bytes -> List.of()).orElseThrow();

        assertThat(excerpt.verifies()).isFalse();
        assertThat(excerpt.discrepancies()).singleElement().asString().startsWith("manifest.yaml: MANIFEST_INVALID: ");
        assertThat(excerpt.countedCriticalViolations()).isEmpty();
        assertThat(excerpt.fields()).isEmpty();
        assertThat(excerpt.sha256()).isEqualTo(Sha256.hex(Files.readAllBytes(workspace.resolve("manifest.yaml"))));
    }

    @Test
    void anArtifactOfTheRecordedSizeAndHashIsStillOk() throws IOException {
        byte[] plan = "tasks: []\n".getBytes(StandardCharsets.UTF_8);
        Files.write(workspace.resolve("plan.yaml"), plan);
        manifest("  - {path: plan.yaml, sha256: " + Sha256.hex(plan) + ", bytes: " + plan.length + "}\n"
                + "  - {path: plan.yaml, sha256: " + Sha256.hex(plan) + ", bytes: " + (plan.length + 1)
                + "}\n");

        ManifestExcerpt excerpt = ManifestExcerpt.read(workspace, "manifest.yaml").orElseThrow();

        assertThat(excerpt.artifacts()).extracting(ManifestExcerpt.Artifact::check).containsExactly("ok", "changed");
    }

    /**
     * fail35: an artifact the disk fails to read ({@code EIO}, made for real: {@code /proc/self/mem}, whose first page
     * no process maps) is the system's failure, handed on. Failed before: taken for a file the user may not read, so
     * the digest was refused as the workspace's to make readable (exit 2).
     */
    @Test
    void anArtifactTheDiskFailsToReadIsTheSystemsFailureNotAFileToMakeReadable() {
        assertThatThrownBy(() -> ManifestExcerpt.streamedSha256(Path.of("/proc/self/mem")))
                .isInstanceOf(SystemFailureException.class);
    }

    /**
     * attack39: the digest took the manifest's {@code governance.critical_violations} as Jackson read it, where the
     * manifest's reader, {@code verify} and the gate that writes it hold it to a whole number from 0 to 2^31-1: a
     * count of -5 was the KPI input (-5 added to another input in a formula hides five of it), and {@code 1.0}, the
     * count 1 to every other reader, was no count at all ("not sealed"). digest40: one rule for the manifest's figures.
     * Such a count refused the whole digest, where any count in a manifest that does not verify is merely no count: it
     * is now no count unless the manifest verifies, and refused at its place from one that does (which only the
     * signers' keys could make). One written {@code 1.0} is 1.
     */
    @Test
    void aMalformedCriticalCountIsNoCountUnlessTheManifestVerifiesAndThenRefusedAtItsPlace() throws IOException {
        for (String count : new String[] {"-5", "2147483648", "2.5", "\"0\"", "[]"}) {
            Files.writeString(workspace.resolve("manifest.yaml"), "manifest_id: m-1\ngovernance:\n  critical_violations: "
                    + count + "\n", StandardCharsets.UTF_8);

            ManifestExcerpt excerpt = ManifestExcerpt.read(workspace, "manifest.yaml").orElseThrow();

            assertThat(excerpt.criticalViolations()).as(count).containsInstanceOf(ManifestExcerpt.Mistake.class);
            assertThat(excerpt.countedCriticalViolations()).as(count).isEmpty();
            assertThat(excerpt.verified(List.of("manifest.yaml: MANIFEST_INVALID: the count")).countedCriticalViolations())
                    .as(count).isEmpty();
            assertThatThrownBy(() -> excerpt.verified(List.of()).countedCriticalViolations()).as(count)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("critical_violations")
                    .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(3));
        }
        Files.writeString(workspace.resolve("manifest.yaml"), "manifest_id: m-1\ngovernance:\n  critical_violations: 1.0\n",
                StandardCharsets.UTF_8);
        assertThat(ManifestExcerpt.read(workspace, "manifest.yaml").orElseThrow().verified(List.of())
                .countedCriticalViolations()).contains(1);
        Files.writeString(workspace.resolve("manifest.yaml"), "manifest_id: m-1\ngovernance: {}\n", StandardCharsets.UTF_8);
        assertThat(ManifestExcerpt.read(workspace, "manifest.yaml").orElseThrow().verified(List.of())
                .countedCriticalViolations()).isEmpty();
    }
}
