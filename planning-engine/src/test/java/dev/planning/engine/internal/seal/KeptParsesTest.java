package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.MANIFEST;
import static dev.planning.engine.internal.seal.SealFixture.TRUST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.document.KeptParses;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.signing.Crypto;
import dev.planning.engine.internal.signing.TrustFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust file's and a sealed manifest's parses kept across runs ({@link KeptParses}): a hit gives
 * what a parse gives, a kept parse never stands for other bytes, a document that fails is never kept,
 * and every verdict is the one verification gives without a store, whatever the store holds.
 */
@Tag("slow")
@Tag("tamper")
class KeptParsesTest {

    @TempDir
    static Path dir;

    private static Path workspace;
    private static PlanningWorkspace ws;
    private static byte[] sealedBytes;

    /** An in-memory store, keyed like the real one by kind, code and exact bytes; counts its hits. */
    private static final class MemoryStore implements KeptParses.Store {
        final Map<String, byte[]> kept = new HashMap<>();
        int hits;

        private static String key(String kind, List<Class<?>> code, byte[] bytes) {
            return kind + "|" + code + "|" + Arrays.toString(bytes);
        }

        @Override
        public Optional<byte[]> read(String kind, List<Class<?>> code, byte[] bytes, Path workspace) {
            Optional<byte[]> payload = Optional.ofNullable(kept.get(key(kind, code, bytes))).map(byte[]::clone);
            payload.ifPresent(p -> hits++);
            return payload;
        }

        @Override
        public void keep(String kind, List<Class<?>> code, byte[] bytes, byte[] payload, Path workspace) {
            kept.put(key(kind, code, bytes), payload.clone());
        }

        /** Replaces every kept payload of this kind. */
        void replaceAll(String kind, byte[] payload) {
            kept.replaceAll((key, value) -> key.startsWith(kind + "|") ? payload.clone() : value);
        }
    }

    @BeforeAll
    static void sealAndSign() throws Exception {
        workspace = SealFixture.committedExample(dir.resolve("committed"));
        ws = SealFixture.open(workspace);
        assertThat(ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        ws.seal(CYCLE, SealOptions.defaults().withNotes("kept parses"));
        ws.sign(CYCLE, SealFixture.PM);
        ws.sign(CYCLE, SealFixture.TECH_LEAD);
        ws.sign(CYCLE, SealFixture.QA);
        sealedBytes = Files.readAllBytes(workspace.resolve(MANIFEST));
    }

    @AfterEach
    void noStore() {
        KeptParses.keepIn(null);
    }

    private static VerificationReport verify(boolean recompute) {
        return recompute ? ws.verify(CYCLE, TRUST) : ws.verifyChecksumsOnly(CYCLE, TRUST);
    }

    /** Everything a report holds: its verdict, discrepancies, notes, counted and ignored signatures, chain. */
    private static String describe(VerificationReport report) {
        return report.passed() + " " + report;
    }

    @Test
    void aKeptManifestIsReadFromTheStoreAndVerifiesAsAParsedOne() {
        String without = describe(verify(true));
        MemoryStore store = new MemoryStore();
        KeptParses.keepIn(store);
        String first = describe(verify(true));
        assertThat(store.kept).hasSize(1);
        String second = describe(verify(true));
        assertThat(store.hits).isGreaterThanOrEqualTo(1);
        assertThat(first).isEqualTo(without).startsWith("true ");
        assertThat(second).isEqualTo(without);
    }

    /**
     * Seventh review (2026-12-04): a parse kept for a manifest in one workspace, served for the same
     * bytes in another (a copy of the checkout) whose sealed files' directory is a symbolic link out of
     * it: the paths are checked against the workspace read for, the kept parse is not used, and the
     * verdict is the one verification gives there without a store.
     */
    @Test
    void aParseKeptInOneWorkspaceIsNotUsedInAnotherWhereItsPathsLeaveIt() throws Exception {
        MemoryStore store = new MemoryStore();
        KeptParses.keepIn(store);
        verify(true);
        assertThat(store.kept).hasSize(1);
        Path copy = dir.resolve("copy-" + System.nanoTime());
        try (var files = Files.walk(workspace)) {
            for (Path from : files.toList()) {
                Path to = copy.resolve(workspace.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        String sealedFile = new ManifestReader(workspace).read(workspace.resolve(MANIFEST), MANIFEST).manifest()
                .artifacts().get(0).path();
        Path directory = copy.resolve(sealedFile).getParent();
        Path outside = Files.createDirectories(dir.resolve("outside-" + System.nanoTime()));
        try (var files = Files.list(directory)) {
            for (Path from : files.toList()) {
                Files.move(from, outside.resolve(from.getFileName()));
            }
        }
        Files.delete(directory);
        Files.createSymbolicLink(directory, outside);
        int hitsBefore = store.hits;

        String kept = describe(SealFixture.open(copy).verify(CYCLE, TRUST));
        KeptParses.keepIn(null);
        String without = describe(SealFixture.open(copy).verify(CYCLE, TRUST));

        assertThat(store.hits).as("the kept parse was looked up").isGreaterThan(hitsBefore);
        assertThat(kept).isEqualTo(without).startsWith("false ");
    }

    @Test
    void theKeptFormsAreTheOnesComputedFromTheModel() throws Exception {
        MemoryStore store = new MemoryStore();
        KeptParses.keepIn(store);
        ManifestReader reader = new ManifestReader(workspace);
        ManifestForms.read(reader, workspace, workspace.resolve(MANIFEST), MANIFEST);
        ManifestForms.Reading kept = ManifestForms.read(reader, workspace, workspace.resolve(MANIFEST), MANIFEST);
        assertThat(store.hits).isEqualTo(1);
        assertThat(kept.forms().kept()).isTrue();
        ManifestForms computed = ManifestForms.of(reader.read(workspace.resolve(MANIFEST), MANIFEST).manifest());
        assertThat(kept.read().manifest()).isEqualTo(reader.read(workspace.resolve(MANIFEST), MANIFEST).manifest());
        assertThat(kept.forms().unsignedSha256()).isEqualTo(computed.unsignedSha256());
        for (int i = 0; i < kept.read().manifest().signatures().size(); i++) {
            assertThat(kept.forms().signingInput(i)).isEqualTo(computed.signingInput(i));
        }
        assertThat(computed.rendered()).isEqualTo(sealedBytes);
    }

    /** Each byte of the manifest flipped, with the sealed manifest's parse kept: the verdict is the one without. */
    @Test
    void everyChangedByteGivesTheVerdictOfAVerificationWithoutStore() throws Exception {
        MemoryStore store = new MemoryStore();
        KeptParses.keepIn(store);
        assertThat(verify(true).passed()).isTrue();
        List<String> differ = new ArrayList<>();
        try {
            for (int i = 0; i < sealedBytes.length; i += 5) {
                byte[] mutated = sealedBytes.clone();
                mutated[i] = (byte) (mutated[i] ^ 0x01);
                Files.write(workspace.resolve(MANIFEST), mutated);
                KeptParses.keepIn(store);
                VerificationReport with = verify(false);
                KeptParses.keepIn(null);
                VerificationReport without = verify(false);
                if (with.passed() || !describe(with).equals(describe(without))) {
                    differ.add(i + ": " + describe(with) + " / " + describe(without));
                }
            }
        } finally {
            Files.write(workspace.resolve(MANIFEST), sealedBytes);
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void aGarbledPayloadMeansParseAgain() {
        MemoryStore store = new MemoryStore();
        KeptParses.keepIn(store);
        String without = describe(verify(true));
        byte[] payload = store.kept.values().iterator().next();
        for (int cut : new int[] {0, 1, 30, payload.length / 2, payload.length - 1}) {
            store.replaceAll(ManifestForms.KIND, Arrays.copyOf(payload, cut));
            assertThat(describe(verify(true))).as("truncated to %d", cut).isEqualTo(without);
        }
        byte[] longer = Arrays.copyOf(payload, payload.length + 1);
        store.replaceAll(ManifestForms.KIND, longer);
        assertThat(describe(verify(true))).isEqualTo(without);
    }

    @Test
    void aManifestThatIsNotCanonicalIsNeverKept() throws Exception {
        MemoryStore store = new MemoryStore();
        KeptParses.keepIn(store);
        try {
            Files.write(workspace.resolve(MANIFEST), (new String(sealedBytes, StandardCharsets.UTF_8) + "# a comment\n")
                    .getBytes(StandardCharsets.UTF_8));
            VerificationReport report = verify(true);
            assertThat(report.passed()).isFalse();
            assertThat(store.kept.keySet()).noneMatch(key -> key.startsWith(ManifestForms.KIND + "|"));
        } finally {
            Files.write(workspace.resolve(MANIFEST), sealedBytes);
        }
    }

    @Test
    void aKeptTrustFileGivesTheKeysAParseGives() throws Exception {
        Path trust = trustFile("kept");
        TrustedKeys without = TrustFile.readOutside(trust, workspace);
        MemoryStore store = new MemoryStore();
        KeptParses.keepIn(store);
        TrustedKeys first = TrustFile.readOutside(trust, workspace);
        TrustedKeys second = TrustFile.readOutside(trust, workspace);
        assertThat(store.hits).isEqualTo(1);
        for (TrustedKeys keys : List.of(first, second)) {
            assertThat(keys.keys()).isEqualTo(without.keys());
            assertThat(keys.signing()).isEqualTo(without.signing());
            assertThat(keys.source()).isEqualTo(without.source());
        }
    }

    @Test
    void aTrustFileChangedByOneByteIsReadAsWithoutStore() throws Exception {
        Path trust = trustFile("bytes");
        byte[] original = Files.readAllBytes(trust);
        MemoryStore store = new MemoryStore();
        KeptParses.keepIn(store);
        TrustFile.readOutside(trust, workspace);
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < original.length; i += 2) {
            byte[] mutated = original.clone();
            mutated[i] = (byte) (mutated[i] ^ 0x01);
            Files.write(trust, mutated);
            KeptParses.keepIn(null);
            String without = outcome(trust);
            KeptParses.keepIn(store);
            String with = outcome(trust);
            if (!with.equals(without)) {
                differ.add(i + ": " + with + " / " + without);
            }
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void anInvalidTrustFileIsNeverKeptAndFailsAlikeEveryTime() throws Exception {
        Path trust = trustFile("invalid");
        String text = Files.readString(trust).replaceFirst("key_id: \"?[0-9a-f]{8}", "key_id: \"00000000");
        Files.writeString(trust, text);
        KeptParses.keepIn(null);
        String without = outcome(trust);
        assertThat(without).startsWith("error");
        MemoryStore store = new MemoryStore();
        KeptParses.keepIn(store);
        assertThat(outcome(trust)).isEqualTo(without);
        assertThat(outcome(trust)).isEqualTo(without);
        assertThat(store.kept).isEmpty();
    }

    /** Kept values whose key does not check out (a key_id changed in the payload): parsed again, as without. */
    @Test
    void keptValuesWhoseKeysDoNotCheckOutMeanParseAgain() throws Exception {
        Path trust = trustFile("altered");
        KeptParses.keepIn(null);
        String without = outcome(trust);
        MemoryStore store = new MemoryStore();
        KeptParses.keepIn(store);
        TrustedKeys keys = TrustFile.readOutside(trust, workspace);
        byte[] payload = store.kept.values().iterator().next();
        String keyId = keys.keys().get(0).keyId();
        String altered = keyId.substring(0, 10) + (keyId.charAt(10) == 'a' ? 'b' : 'a') + keyId.substring(11);
        byte[] changed = new String(payload, StandardCharsets.ISO_8859_1).replace(keyId, altered)
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(changed).isNotEqualTo(payload);
        store.replaceAll("trust", changed);
        assertThat(outcome(trust)).isEqualTo(without);
        assertThat(store.hits).isEqualTo(1);
    }

    @Test
    void evidenceReadsAsTheStrictMapperReadsIt() throws Exception {
        List<String> inputs = List.of("", "  ", "{}", "{\"a\":1}", "{\"a\":1,\"a\":2}", "{\"a\":1} x", "{\"a\":1}{}",
                "[1,2.5,true,null,\"s\"]", "null", "12345678901234567890", "{\"a\":", "{\"gate\":\"g\",\"n\":-3}",
                "\"text\"", "{\"a\":[{\"b\":{}}]}");
        com.fasterxml.jackson.databind.ObjectMapper mapper = JsonMappers.strictJson();
        for (String input : inputs) {
            byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
            String expected;
            try {
                JsonNode tree = mapper.readTree(bytes);
                expected = tree.getNodeType() + " " + tree;
            } catch (IOException e) {
                expected = "error " + e.getMessage();
            }
            String actual;
            try {
                JsonNode tree = VerdictCheck.readEvidence(bytes);
                actual = tree.getNodeType() + " " + tree;
            } catch (IOException e) {
                actual = "error " + e.getMessage();
            }
            assertThat(actual).as("evidence %s", input).isEqualTo(expected);
        }
    }

    private static String outcome(Path trust) {
        try {
            TrustedKeys keys = TrustFile.readOutside(trust, workspace);
            return "keys " + keys.keys() + " " + keys.signing();
        } catch (InvalidInputException e) {
            return "error " + e.describe();
        }
    }

    /** A trust file outside the workspace with two Ed25519 keys and a signing policy. */
    private static Path trustFile(String name) throws IOException {
        Path file = dir.resolve("keys-" + name).resolve("trust.yaml");
        PublicKey lead = Crypto.generate(SignatureAlgorithm.ED25519).getPublic();
        PublicKey qa = Crypto.generate(SignatureAlgorithm.ED25519).getPublic();
        TrustFile.add(file, new TrustedKey("lead", Crypto.keyId(lead), SignatureAlgorithm.ED25519, lead));
        TrustFile.add(file, new TrustedKey("QA", Crypto.keyId(qa), SignatureAlgorithm.ED25519, qa));
        Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8)
                + "signing:\n  required:\n    - roles: [lead]\n      min: 1\n", StandardCharsets.UTF_8);
        return file;
    }
}
