package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealOptions;
import dev.planning.engine.internal.git.GitRepository;
import dev.planning.engine.internal.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * seal26: a clean seal claims the content of its {@code snapshot_rev}, so each sealed input is read from, and
 * compared with, the blob committed there, never the work tree; a manifest sealed dirty keeps the work tree's.
 */
class SealedInputsAtSnapshotRevTest {

    @TempDir
    Path tmp;

    /** A clean seal whose task breakdown's checksum is made the work tree's (edited, not committed), as a hand edit would. */
    private record Forged(Path workspace, HandoffManifest manifest, ArtifactChecksum plan, byte[] edited) {
    }

    private Forged forged() {
        Path workspace = SealFixture.readyExample(tmp);
        HandoffManifest sealed = SealFixture.open(workspace).seal(SealFixture.CYCLE, SealOptions.defaults())
                .manifest().orElseThrow();
        // Of the committed size, so that only the digest tells them apart.
        byte[] edited = SealFixture.read(workspace, SealFixture.TASKS).replaceFirst("version", "Version")
                .getBytes(StandardCharsets.UTF_8);
        SealFixture.write(workspace, SealFixture.TASKS, new String(edited, StandardCharsets.UTF_8));
        ArtifactChecksum plan = new ArtifactChecksum(SealFixture.TASKS, Sha256.hex(edited), edited.length);
        return new Forged(workspace, with(sealed, plan, sealed.dirty()), plan, edited);
    }

    @Test
    void aCleanSealTakesNoSealedBytesFromTheWorkTree() throws Exception {
        Forged forged = forged();

        try (SealedInputs inputs = new SealedInputs(forged.workspace(), WorkspaceLayout.DEFAULT, forged.manifest(),
                SealFixture.CYCLE)) {
            assertThat(inputs.sealedBytes(forged.plan())).isEmpty();
        }
    }

    @Test
    void aDirtySealStillTakesItsSealedBytesFromTheWorkTree() throws Exception {
        Forged forged = forged();

        try (SealedInputs inputs = new SealedInputs(forged.workspace(), WorkspaceLayout.DEFAULT,
                with(forged.manifest(), forged.plan(), true), SealFixture.CYCLE)) {
            assertThat(inputs.sealedBytes(forged.plan())).hasValue(forged.edited());
        }
    }

    @Test
    void aSealedInputWhoseChecksumIsNotTheCommittedBlobIsAChangedArtifactNamingBothHashes() throws Exception {
        Forged forged = forged();
        String rev = forged.manifest().snapshotRev();

        List<Discrepancy> found;
        try (GitRepository git = GitRepository.find(forged.workspace()).orElseThrow()) {
            found = SealedInputs.unlikeCommitted(git, forged.manifest(), inputsAt(git, rev));
        }

        String committed = Sha256.hex(SealFixture.read(forged.workspace(), SealFixture.TASKS)
                .replaceFirst("Version", "version").getBytes(StandardCharsets.UTF_8));
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscrepancyKind.ARTIFACT_CHANGED);
            assertThat(d.file()).isEqualTo(SealFixture.TASKS);
            assertThat(d.expected()).hasValueSatisfying(e -> assertThat(e).contains(forged.plan().sha256()));
            assertThat(d.actual()).hasValueSatisfying(a -> assertThat(a).contains(committed, "at snapshot_rev " + rev));
        });
    }

    @Test
    void anHonestCleanSealHasEveryInputAsCommitted() throws Exception {
        Path workspace = SealFixture.readyExample(tmp);
        HandoffManifest sealed = SealFixture.open(workspace).seal(SealFixture.CYCLE, SealOptions.defaults())
                .manifest().orElseThrow();

        try (GitRepository git = GitRepository.find(workspace).orElseThrow()) {
            Set<String> inputs = inputsAt(git, sealed.snapshotRev());
            assertThat(inputs).contains(SealFixture.TASKS);
            assertThat(SealedInputs.unlikeCommitted(git, sealed, inputs)).isEmpty();
        }
    }

    @Test
    void aSealedInputWhoseBlobIsMissingFromTheObjectStoreIsRefusedNamingIt() throws Exception {
        Path workspace = SealFixture.readyExample(tmp);
        HandoffManifest sealed = SealFixture.open(workspace).seal(SealFixture.CYCLE, SealOptions.defaults())
                .manifest().orElseThrow();
        // As a partial clone (--filter=blob:none) leaves it: the tree names the blob, the object store lacks it.
        ObjectId blob = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB,
                Files.readAllBytes(workspace.resolve(SealFixture.TASKS)));
        Path loose = repositoryRoot(workspace).resolve(".git/objects/" + blob.name().substring(0, 2) + "/"
                + blob.name().substring(2));
        assertThat(loose).exists();
        Files.delete(loose);

        PlanningException refused;
        try (GitRepository git = GitRepository.find(workspace).orElseThrow()) {
            Set<String> inputs = inputsAt(git, sealed.snapshotRev());
            refused = catchThrowableOfType(PlanningException.class, () -> SealedInputs.unlikeCommitted(git, sealed,
                    inputs));
        }

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains(SealFixture.TASKS);
    }

    /**
     * fail35: a sealed input's blob that the system fails to read (a read answering {@code EIO}, made for real: the
     * loose object is a link to {@code /proc/self/mem}, whose first page no process maps) is the system's failure,
     * handed on (exit 3). Failed before: taken for no sealed bytes, so verify reported the input changed.
     */
    @Test
    void aSealedInputWhoseBlobTheDiskFailsToReadIsTheSystemsFailureNotAnInputWithoutSealedBytes() throws Exception {
        Path workspace = SealFixture.readyExample(tmp);
        HandoffManifest sealed = SealFixture.open(workspace).seal(SealFixture.CYCLE, SealOptions.defaults())
                .manifest().orElseThrow();
        ObjectId blob = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB,
                Files.readAllBytes(workspace.resolve(SealFixture.TASKS)));
        Path loose = repositoryRoot(workspace).resolve(".git/objects/" + blob.name().substring(0, 2) + "/"
                + blob.name().substring(2));
        Files.delete(loose);
        Files.createSymbolicLink(loose, Path.of("/proc/self/mem"));
        ArtifactChecksum plan = sealed.artifacts().stream().filter(a -> a.path().equals(SealFixture.TASKS))
                .findFirst().orElseThrow();

        try (SealedInputs inputs = new SealedInputs(workspace, WorkspaceLayout.DEFAULT, sealed, SealFixture.CYCLE)) {
            assertThatThrownBy(() -> inputs.sealedBytes(plan)).isInstanceOf(SystemFailureException.class)
                    .hasMessageContaining("Input/output error");
        } finally {
            Files.delete(loose); // a link out of @TempDir, which its clean-up would warn of
        }
    }

    @Test
    void aCommittedInputOverTheReadBoundIsRefusedUnread() throws Exception {
        Path workspace = SealFixture.readyExample(tmp);
        HandoffManifest sealed = SealFixture.open(workspace).seal(SealFixture.CYCLE, SealOptions.defaults())
                .manifest().orElseThrow();
        long size = GitRepository.MAX_READ_BYTES + 1;
        Files.write(workspace.resolve(SealFixture.TASKS), new byte[(int) size]); // deflates to a few KiB in git
        String rev = SealFixture.commitAll(workspace, "a large plan");
        HandoffManifest claimed = with(at(sealed, rev), new ArtifactChecksum(SealFixture.TASKS, "0".repeat(64), size),
                false);

        InvalidInputException refused;
        try (GitRepository git = GitRepository.find(workspace).orElseThrow()) {
            refused = catchThrowableOfType(InvalidInputException.class, () -> SealedInputs.unlikeCommitted(git, claimed,
                    Set.of(SealFixture.TASKS)));
        }

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains(SealFixture.TASKS, "over the 32 MiB");
    }

    private static Set<String> inputsAt(GitRepository git, String rev) {
        return SealedInputs.committedInputs(git, WorkspaceLayout.DEFAULT, SealFixture.CYCLE, rev).orElseThrow();
    }

    private static Path repositoryRoot(Path workspace) {
        for (Path at = workspace; at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve(".git"))) {
                return at;
            }
        }
        throw new IllegalStateException("no repository above " + workspace);
    }

    /** The manifest with one artifact replaced and {@code dirty} as given, as a hand edit would make it. */
    private static HandoffManifest with(HandoffManifest m, ArtifactChecksum artifact, boolean dirty) {
        List<ArtifactChecksum> artifacts = new ArrayList<>(m.artifacts());
        artifacts.replaceAll(a -> a.path().equals(artifact.path()) ? artifact : a);
        return new HandoffManifest(m.version(), m.manifestId(), m.cycleId(), m.stream(), m.sealed(), m.createdAt(),
                m.createdBy(), m.sealedAt(), m.snapshotRev(), dirty, m.rulebookHash(), m.eventLogHead(), artifacts,
                m.gateResults(), m.governance(), m.priorManifestId(), m.notes(), m.signatures());
    }

    private static HandoffManifest at(HandoffManifest m, String snapshotRev) {
        return new HandoffManifest(m.version(), m.manifestId(), m.cycleId(), m.stream(), m.sealed(), m.createdAt(),
                m.createdBy(), m.sealedAt(), snapshotRev, m.dirty(), m.rulebookHash(), m.eventLogHead(), m.artifacts(),
                m.gateResults(), m.governance(), m.priorManifestId(), m.notes(), m.signatures());
    }
}
