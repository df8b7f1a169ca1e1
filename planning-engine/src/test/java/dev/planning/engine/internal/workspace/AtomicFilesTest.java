package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.engine.fixtures.Plans;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReplacesLeavingNoTemporaryFile() throws Exception {
        Path file = dir.resolve("a/b/plan.yaml");

        AtomicFiles.write(file, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(file, "two".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(file)).isEqualTo("two");
        assertThat(Plans.filesUnder(dir)).containsExactly(file);
    }

    @Test
    void writeNewRefusesToReplaceAndKeepsTheOriginal() throws Exception {
        Path file = dir.resolve("manifest.yaml");
        AtomicFiles.writeNew(file, "sealed".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> AtomicFiles.writeNew(file, "forged".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already exists");
        assertThat(Files.readString(file)).isEqualTo("sealed");
        assertThat(Plans.filesUnder(dir)).containsExactly(file);
    }

    @Test
    void newFilesAreReadableByEveryoneAndReplacedFilesKeepTheirPermissions(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path created = tmp.resolve("new.yaml");
        AtomicFiles.writeNew(created, new byte[] {1});
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created)))
                .isEqualTo("rw-r--r--");

        Path secret = tmp.resolve("secret.pem");
        AtomicFiles.writeNew(secret, new byte[] {1}, "rw-------");
        AtomicFiles.write(secret, new byte[] {2});
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                .isEqualTo("rw-------");
    }

    @Test
    void aWriteWithPermissionsGivesThemToANewFileAndToAReplacedOne() throws Exception {
        Path created = dir.resolve("new.bin");
        Path replaced = Files.writeString(dir.resolve("old.bin"), "old");
        Files.setPosixFilePermissions(replaced, PosixFilePermissions.fromString("rw-rw-r--"));

        AtomicFiles.writeUnguarded(created, new byte[] {1}, "rw-------");
        AtomicFiles.writeUnguarded(replaced, new byte[] {2}, "rw-------");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(replaced))).isEqualTo("rw-------");
        assertThat(Files.readAllBytes(replaced)).containsExactly(2);
        assertThat(Plans.filesUnder(dir)).containsExactlyInAnyOrder(created, replaced);
    }

    @Test
    void strayTemporariesOfAFileAreDeletedAndNothingElse() throws Exception {
        Path file = dir.resolve("trust.yaml");
        AtomicFiles.write(file, "kept".getBytes(StandardCharsets.UTF_8));
        for (String name : new String[] {".trust.yaml123.tmp", ".trust.yaml9.tmp"}) {
            Files.writeString(dir.resolve(name), "stray");
        }
        for (String name : new String[] {".trust.yaml.tmp", ".trust.yaml12a.tmp", ".trust.yaml.lock", ".trust.yamlx1.tmp",
            ".other.yaml1.tmp", "trust.yaml1.tmp"}) {
            Files.writeString(dir.resolve(name), "not a temporary file of trust.yaml");
        }

        AtomicFiles.deleteStrayTemporaries(file);

        assertThat(Plans.filesUnder(dir)).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "trust.yaml", ".trust.yaml.tmp", ".trust.yaml12a.tmp", ".trust.yaml.lock", ".trust.yamlx1.tmp",
                ".other.yaml1.tmp", "trust.yaml1.tmp");
    }

    @Test
    void aNearMissOfATemporaryNameSurvivesTheSweep() throws Exception {
        Path file = dir.resolve("manifest.yaml");
        AtomicFiles.write(file, "kept".getBytes(StandardCharsets.UTF_8));
        // Names the writer gives: .manifest.yaml, an unsigned long without leading zeros, .tmp.
        for (String name : new String[] {".manifest.yaml0.tmp", ".manifest.yaml18446744073709551615.tmp"}) {
            Files.writeString(dir.resolve(name), "stray");
        }
        // Off by one character each: a leading zero, one past 2^64 - 1, a 21st digit, a sign (ASCII names: a
        // file name outside ASCII cannot be made under LC_ALL=C; aNameOfOtherDigitsIsNoTemporary covers those).
        String[] nearMisses = {".manifest.yaml0123.tmp", ".manifest.yaml18446744073709551616.tmp",
            ".manifest.yaml123456789012345678901.tmp", ".manifest.yaml+1.tmp"};
        for (String name : nearMisses) {
            Files.writeString(dir.resolve(name), "a user's file");
        }

        AtomicFiles.deleteStrayTemporaries(file);

        assertThat(Plans.filesUnder(dir)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(Stream.concat(Stream.of("manifest.yaml"), Arrays.stream(nearMisses))
                        .toArray(String[]::new));
    }

    @Test
    void aNameOfOtherDigitsIsNoTemporary() {
        // Long.parseUnsignedLong alone would take Arabic-Indic digits; the writer only ever writes ASCII ones.
        assertThat(AtomicFiles.isTemporaryName("manifest.yaml", ".manifest.yaml~\u0661\u0662.tmp")).isFalse();
        assertThat(AtomicFiles.isOldTemporaryName("manifest.yaml", ".manifest.yaml\u0661\u0662.tmp")).isFalse();
        assertThat(AtomicFiles.isTemporaryName("manifest.yaml", ".manifest.yaml~12.tmp")).isTrue();
    }

    @Test
    void theNamesTheJavaRuntimeGivesTheWritersTemporariesAreTheOnesTheSweepTakes() throws Exception {
        // The sweep's pattern is the runtime's (Files.createTempFile): a change there must not go unnoticed.
        for (int i = 0; i < 200; i++) {
            Path temp = Files.createTempFile(dir, ".manifest.yaml~", ".tmp");
            assertThat(AtomicFiles.isTemporaryName("manifest.yaml", temp.getFileName().toString()))
                    .as(temp.getFileName().toString()).isTrue();
            Files.delete(temp);
        }
    }

    /**
     * errors24: a temporary's name has one owner. The writer puts {@code ~} between the file's name and the
     * number, so {@code .trust.yaml~7123.tmp} is {@code trust.yaml}'s and never {@code trust.yaml7}'s; a
     * temporary of the earlier form ({@code .trust.yaml7123.tmp}, both files' form) is swept for
     * {@code trust.yaml} only while no {@code trust.yaml7} (nor its temporary) is beside it.
     */
    @Test
    void aTemporaryIsSweptForTheOneFileItsNameBelongsTo() throws Exception {
        Path file = dir.resolve("trust.yaml");
        Path sibling = dir.resolve("trust.yaml7");
        AtomicFiles.write(file, "kept".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(sibling, "kept".getBytes(StandardCharsets.UTF_8));
        for (String name : new String[] {".trust.yaml~7123.tmp", ".trust.yaml7123.tmp", ".trust.yaml7~123.tmp"}) {
            Files.writeString(dir.resolve(name), "stray");
        }

        AtomicFiles.deleteStrayTemporaries(file);

        // The new form is trust.yaml's; the old one may be trust.yaml7's, which is there.
        assertThat(Plans.filesUnder(dir)).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "trust.yaml", "trust.yaml7", ".trust.yaml7123.tmp", ".trust.yaml7~123.tmp");

        AtomicFiles.deleteStrayTemporaries(sibling);

        assertThat(Plans.filesUnder(dir)).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "trust.yaml", "trust.yaml7");
    }

    /** The old form is still swept where no other file could own it, and an unwritten sibling's temporary counts. */
    @Test
    void anOldFormTemporaryIsSweptWhenNoOtherFileCanOwnIt() throws Exception {
        Path file = dir.resolve("trust.yaml");
        AtomicFiles.write(file, "kept".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve(".trust.yaml7123.tmp"), "stray");

        AtomicFiles.deleteStrayTemporaries(file);

        assertThat(Plans.filesUnder(dir)).extracting(p -> p.getFileName().toString()).containsExactly("trust.yaml");

        // trust.yaml71 being written for the first time: its temporary is there, the file not yet.
        Files.writeString(dir.resolve(".trust.yaml7123.tmp"), "maybe trust.yaml71's");
        Files.writeString(dir.resolve(".trust.yaml71~5.tmp"), "trust.yaml71's, being written");

        AtomicFiles.deleteStrayTemporaries(file);

        assertThat(Plans.filesUnder(dir)).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "trust.yaml", ".trust.yaml7123.tmp", ".trust.yaml71~5.tmp");
    }
}
