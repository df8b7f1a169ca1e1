package dev.planning.engine.internal.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    @TempDir
    Path dir;

    @Test
    void hashesBytesAsLowerCaseHex() {
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void hashesAFileLargerThanItsBufferLikeItsBytes() throws Exception {
        byte[] content = new byte[(3 << 20) + 17];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("big.bin"), content);

        Sha256.FileDigest digest = Sha256.file(file);

        assertThat(digest.sha256()).isEqualTo(Sha256.hex(content));
        assertThat(digest.bytes()).isEqualTo(content.length);
    }

    @Test
    void hashesManyFilesInTheOrderGivenWhetherInParallelOrNot() throws Exception {
        List<Path> files = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 12; i++) {
            byte[] content = new byte[i == 0 ? 9 << 20 : 1000 + i];
            random.nextBytes(content);
            files.add(Files.write(dir.resolve("f" + i), content));
        }

        for (List<Path> batch : List.of(files, files.subList(1, 12))) {
            Map<Path, Sha256.FileDigest> digests = Sha256.files(batch);
            assertThat(digests.keySet()).containsExactlyElementsOf(batch);
            for (Path file : batch) {
                assertThat(digests.get(file).sha256()).isEqualTo(Sha256.hex(Files.readAllBytes(file)));
            }
        }
    }

    @Test
    void hashesFilesAroundTheBufferSizeLikeTheirBytes() throws Exception {
        List<Path> files = new ArrayList<>();
        Random random = new Random(13);
        int[] sizes = {0, 1, Sha256.BUFFER - 1, Sha256.BUFFER, Sha256.BUFFER + 1, 2 * Sha256.BUFFER, (9 << 20) + 3};
        for (int size : sizes) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            files.add(Files.write(dir.resolve("s" + size), content));
        }

        Map<Path, Sha256.FileDigest> parallel = Sha256.files(files);
        for (int i = 0; i < sizes.length; i++) {
            Path file = files.get(i);
            String expected = Sha256.hex(Files.readAllBytes(file));
            assertThat(Sha256.file(file)).isEqualTo(new Sha256.FileDigest(expected, sizes[i]));
            assertThat(parallel.get(file)).isEqualTo(new Sha256.FileDigest(expected, sizes[i]));
        }
    }

    @Test
    void asksFileSizesOnlyUntilThereIsEnoughToShareAmongThreads() {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            files.add(dir.resolve("f" + i));
        }
        List<Path> asked = new ArrayList<>();

        boolean worth = Sha256.worthThreads(files, file -> {
            asked.add(file);
            return 1 << 20;
        });

        assertThat(worth).isTrue();
        assertThat(asked).containsExactlyElementsOf(files.subList(0, 8));
    }

    @Test
    void smallFilesAreHashedInOneThreadAndAnUnreadableOneSendsThemToThePool() {
        List<Path> files = List.of(dir.resolve("a"), dir.resolve("b"), dir.resolve("c"));

        assertThat(Sha256.worthThreads(files, file -> 1000)).isFalse();
        assertThat(Sha256.worthThreads(files, file -> {
            if (file.endsWith("b")) {
                throw new IOException("unreadable");
            }
            return 1000;
        })).isTrue();
    }

    @Test
    void aMissingFileIsAnError() {
        assertThatThrownBy(() -> Sha256.file(dir.resolve("missing"))).isInstanceOf(dev.planning.api.PlanningException.class)
                .hasMessageContaining("missing");
    }

    /**
     * fail35: a read the system fails ({@code EIO}, made for real: {@code /proc/self/mem}, whose first page no process
     * maps) is the system's failure (exit 3). Failed before: a plain PlanningException, the user's (exit 2).
     */
    @Test
    void aFileTheDiskFailsToReadIsTheSystemsFailure() {
        assertThatThrownBy(() -> Sha256.file(Path.of("/proc/self/mem"))).isExactlyInstanceOf(SystemFailureException.class)
                .hasMessageStartingWith("cannot read /proc/self/mem to hash it (Input/output error)")
                .hasMessageContaining("the system failed, not the input");
    }

    /** fix42: a file the file system says is not there was "(NoSuchFileException)", a Java class name; in words. */
    @Test
    void aMissingFileHashedSaysWhyInWordsNotTheExceptionsName() {
        Path missing = dir.resolve("gone.txt");

        assertThatThrownBy(() -> Sha256.file(missing)).isExactlyInstanceOf(PlanningException.class)
                .hasMessageStartingWith("cannot read " + missing + " to hash it (no such file or directory)")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void aDirectoryHashedIsTheUsersToFixNotTheSystems() {
        assertThatThrownBy(() -> Sha256.file(dir)).isExactlyInstanceOf(PlanningException.class)
                .hasMessageStartingWith("cannot read ");
    }

    @Test
    void recognisesHashes() {
        assertThat(Sha256.isHash("a".repeat(64))).isTrue();
        assertThat(Sha256.isHash("A".repeat(64))).isFalse();
        assertThat(Sha256.isHash("a".repeat(63))).isFalse();
        assertThat(Sha256.isHash(null)).isFalse();
    }
}
