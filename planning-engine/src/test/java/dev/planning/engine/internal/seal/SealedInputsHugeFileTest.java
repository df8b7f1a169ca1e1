package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.seal.SealOptions;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seventh review (2026-12-04): a sealed artifact in the work tree was read whole before its size was
 * compared with the sealed one, so a plan replaced by a file of 3 GiB (anyone who commits may) ended
 * {@code verify}'s pinning of the sealed inputs with an {@code OutOfMemoryError}. A file of another size
 * is now not read: its sealed bytes are not there.
 */
class SealedInputsHugeFileTest {

    @TempDir
    Path tmp;

    @Test
    void aSealedArtifactReplacedByAHugeFileIsNotRead() throws Exception {
        Path workspace = SealFixture.readyExample(tmp);
        HandoffManifest manifest = SealFixture.open(workspace).seal(SealFixture.CYCLE, SealOptions.defaults())
                .manifest().orElseThrow();
        ArtifactChecksum plan = manifest.artifacts().get(0);
        // Without its repository (plans copied out of the checkout), the sealed bytes are the work tree's.
        try (Stream<Path> git = Files.walk(workspace.resolve(".git"))) {
            for (Path file : git.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        try (RandomAccessFile huge = new RandomAccessFile(workspace.resolve(plan.path()).toFile(), "rw")) {
            huge.setLength(3L << 30); // sparse: no disk, but a 3 GiB file to whoever reads it
        }

        try (SealedInputs inputs = new SealedInputs(workspace, WorkspaceLayout.DEFAULT, manifest, SealFixture.CYCLE)) {
            assertThat(inputs.sealedBytes(plan)).isEmpty();
        }
    }
}
