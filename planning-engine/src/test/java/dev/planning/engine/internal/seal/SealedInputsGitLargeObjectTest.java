package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.seal.SealOptions;
import dev.planning.engine.fixtures.GitFixture;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eighth review (2026-12-04): the sealed bytes of a verdict's input are read from git at the
 * manifest's {@code snapshot_rev} first. A contributor who edits the manifest (its signatures then
 * fail, but {@code verify} still runs every check to report them) can name a commit of their own where
 * the sealed path holds a file over JGit's large-object threshold (50 MiB): the blob was read with
 * {@code ObjectLoader.getBytes()}, which throws JGit's unchecked {@code LargeObjectException} for such
 * an object (and would read a blob up to that size whole whatever the sealed size). Nor may a manifest
 * that claims a sealed size of 3 GiB make the work tree's file of that size be read whole.
 */
class SealedInputsGitLargeObjectTest {

    @TempDir
    Path tmp;

    @Test
    void aSnapshotRevWhoseBlobAtTheSealedPathIsOverJGitsLargeObjectThresholdIsNotRead() throws Exception {
        Path workspace = SealFixture.readyExample(tmp);
        HandoffManifest manifest = SealFixture.open(workspace).seal(SealFixture.CYCLE, SealOptions.defaults())
                .manifest().orElseThrow();
        ArtifactChecksum plan = manifest.artifacts().get(0);
        Path file = workspace.resolve(plan.path());
        byte[] sealed = Files.readAllBytes(file);
        Files.write(file, new byte[60 << 20]); // 60 MiB: a "large object" to JGit, a small deflated blob in git
        String forged = GitFixture.commitAll(workspace, "a large blob at the sealed path");
        Files.write(file, sealed);

        // Not read, and, the seal being clean, not taken from the work tree either (seal26); a dirty seal's are.
        try (SealedInputs inputs = new SealedInputs(workspace, WorkspaceLayout.DEFAULT, at(manifest, forged, plan),
                SealFixture.CYCLE)) {
            assertThat(inputs.sealedBytes(plan)).isEmpty();
        }
        try (SealedInputs inputs = new SealedInputs(workspace, WorkspaceLayout.DEFAULT,
                dirty(at(manifest, forged, plan)), SealFixture.CYCLE)) {
            assertThat(inputs.sealedBytes(plan)).hasValue(sealed);
        }
    }

    @Test
    void aSealedSizeOf3GibIsNotReadFromTheWorkTree() throws Exception {
        Path workspace = SealFixture.readyExample(tmp);
        HandoffManifest manifest = SealFixture.open(workspace).seal(SealFixture.CYCLE, SealOptions.defaults())
                .manifest().orElseThrow();
        ArtifactChecksum plan = manifest.artifacts().get(0);
        ArtifactChecksum claimed = new ArtifactChecksum(plan.path(), plan.sha256(), 3L << 30);
        try (RandomAccessFile huge = new RandomAccessFile(workspace.resolve(plan.path()).toFile(), "rw")) {
            huge.setLength(3L << 30); // sparse: no disk, but a 3 GiB file to whoever reads it
        }

        try (SealedInputs inputs = new SealedInputs(workspace, WorkspaceLayout.DEFAULT,
                at(manifest, manifest.snapshotRev(), claimed), SealFixture.CYCLE)) {
            assertThat(inputs.sealedBytes(claimed)).isEmpty();
        }
    }

    /** The manifest as one sealed with {@code --allow-dirty} records it. */
    private static HandoffManifest dirty(HandoffManifest m) {
        return new HandoffManifest(m.version(), m.manifestId(), m.cycleId(), m.stream(), m.sealed(), m.createdAt(),
                m.createdBy(), m.sealedAt(), m.snapshotRev(), true, m.rulebookHash(), m.eventLogHead(), m.artifacts(),
                m.gateResults(), m.governance(), m.priorManifestId(), m.notes(), m.signatures());
    }

    /** The manifest with another {@code snapshot_rev} and one artifact replaced, as a hand edit would make it. */
    private static HandoffManifest at(HandoffManifest m, String snapshotRev, ArtifactChecksum artifact) {
        List<ArtifactChecksum> artifacts = new ArrayList<>(m.artifacts());
        artifacts.replaceAll(a -> a.path().equals(artifact.path()) ? artifact : a);
        return new HandoffManifest(m.version(), m.manifestId(), m.cycleId(), m.stream(), m.sealed(), m.createdAt(),
                m.createdBy(), m.sealedAt(), snapshotRev, m.dirty(), m.rulebookHash(), m.eventLogHead(), artifacts,
                m.gateResults(), m.governance(), m.priorManifestId(), m.notes(), m.signatures());
    }
}
