package dev.planning.rules;

import static dev.planning.rules.KeptFiles.forgeConsistently;
import static dev.planning.rules.KeptFiles.writeOwnerOnly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.signing.Crypto;
import dev.planning.engine.internal.signing.TrustFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust files' parses kept in the compiled-rulebook cache's directory ({@code KEY.trust}): used when the
 * entry checks out for exactly these bytes, "parse again" (with the same keys or errors) otherwise.
 * Each attack plants or changes an entry and shows the reader parses instead of trusting it. (Sealed
 * manifests' parses, {@code KEY.manifest}, are kept by the same store under the same checks.)
 */
class KeptDocumentParsesTest {

    @TempDir
    Path temp;

    private KeptFiles files;

    @BeforeEach
    void files() {
        files = new KeptFiles(temp, ".trust");
    }

    @AfterEach
    void keepNothing() {
        CompiledRulebooks.noCacheAcrossRuns();
    }

    private Path workspace() throws IOException {
        return files.workspace();
    }

    private Path cache() {
        return files.cache();
    }

    /** A trust file outside the workspace listing one fresh Ed25519 key for role lead. */
    private Path trustFile(String name) throws IOException {
        Path file = temp.resolve(name).resolve("trust.yaml");
        PublicKey key = Crypto.generate(SignatureAlgorithm.ED25519).getPublic();
        TrustFile.add(file, new TrustedKey("lead", Crypto.keyId(key), SignatureAlgorithm.ED25519, key));
        return file;
    }

    /** Reads as a new process of the command line would, with parses kept in {@link #cache()}. */
    private TrustedKeys read(Path trust) throws IOException {
        return files.inNewProcess(() -> TrustFile.readOutside(trust, workspace()));
    }

    private List<Path> kept() throws IOException {
        return files.kept();
    }

    private static String keyId(TrustedKeys keys) {
        return keys.keys().get(0).keyId();
    }

    /** Keeps OTHER's parse, then puts it where TRUST's bytes would find it (its file renamed to their key). */
    private Path plantOtherUnder(Path trust, Path other) throws IOException {
        read(trust);
        Path own = kept().get(0);
        Files.delete(own);
        read(other);
        Path file = kept().get(0);
        Files.move(file, own);
        return own;
    }


    @Test
    void keepsTheParseOfAValidTrustFileOwnerOnlyAndServesItToTheNextRead() throws IOException {
        Path trust = trustFile("a");
        TrustedKeys parsed = read(trust);

        assertThat(kept()).singleElement().satisfies(file -> assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
        assertThat(read(trust).keys()).isEqualTo(parsed.keys());
        // Served from the file: one forged with the user's own secret, in the owner's private directory, is
        // what is read (whoever holds the key file can write entries; the documented limit).
        Path other = trustFile("other");
        Path planted = plantOtherUnder(trust, other);
        forgeConsistently(planted);
        assertThat(keyId(read(trust))).isEqualTo(keyId(TrustFile.read(other)));
    }

    @Test
    void anEntryPlantedForOtherBytesIsNotUsed() throws IOException {
        Path trust = trustFile("a");
        plantOtherUnder(trust, trustFile("other"));

        // Its header names the other file's key: parsed again, this file's own key.
        assertThat(keyId(read(trust))).isEqualTo(keyId(TrustFile.read(trust)));
    }

    @Test
    void aTruncatedOrAlteredEntryIsNotUsed() throws IOException {
        Path trust = trustFile("a");
        Path other = trustFile("other");
        Path planted = plantOtherUnder(trust, other);
        forgeConsistently(planted);
        byte[] forged = Files.readAllBytes(planted);
        String own = keyId(TrustFile.read(trust));

        writeOwnerOnly(planted, Arrays.copyOf(forged, forged.length - 1));
        assertThat(keyId(read(trust))).isEqualTo(own);

        String text = new String(forged, StandardCharsets.ISO_8859_1);
        String otherId = keyId(TrustFile.read(other));
        writeOwnerOnly(planted, text.replace(otherId, own).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(keyId(read(trust))).isEqualTo(own);
    }

    @Test
    void anEntryOthersCanWriteOrInADirectoryOthersCanWriteIsNotUsed() throws IOException {
        Path trust = trustFile("a");
        Path planted = plantOtherUnder(trust, trustFile("other"));
        forgeConsistently(planted);
        String own = keyId(TrustFile.read(trust));

        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(keyId(read(trust))).isEqualTo(own);

        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(cache(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(keyId(read(trust))).isEqualTo(own);
        Files.setPosixFilePermissions(cache(), PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aCacheDirectoryInsideTheWorkspaceIsNeitherReadNorWritten() throws IOException {
        Path trust = trustFile("a");
        Path inside = workspace().resolve(".cache");
        CompiledRulebooks.keepValidatedSettings(Map.of("PLANNING_CACHE_DIR", inside.toString(),
                "PLANNING_CACHE_KEY_FILE", System.getenv("PLANNING_CACHE_KEY_FILE")));
        try {
            TrustFile.readOutside(trust, workspace());
        } finally {
            CompiledRulebooks.noCacheAcrossRuns();
        }

        assertThat(inside).doesNotExist();
    }

    @Test
    void keepsNothingForATrustFileThatDoesNotReadAndFailsWithTheSameError() throws IOException {
        Path trust = trustFile("a");
        Files.writeString(trust, Files.readString(trust).replace("Ed25519", "RSA-SHA256"));
        String without;
        try {
            TrustFile.readOutside(trust, workspace());
            throw new AssertionError("read");
        } catch (InvalidInputException e) {
            without = e.describe();
        }

        for (int run = 0; run < 2; run++) {
            assertThatThrownBy(() -> read(trust)).isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).describe()).isEqualTo(without));
        }
        assertThat(kept()).isEmpty();
    }

    @Test
    void aTrustFileChangedAfterItWasKeptIsReadAsItIsNow() throws IOException {
        Path trust = trustFile("a");
        read(trust);
        Path other = trustFile("other");
        Files.copy(other, trust, StandardCopyOption.REPLACE_EXISTING);

        assertThat(keyId(read(trust))).isEqualTo(keyId(TrustFile.read(other)));
        assertThat(kept()).hasSize(2);
    }
}
