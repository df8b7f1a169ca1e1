package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.signing.GeneratedKey;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeysAndTrustTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"ED25519", "ECDSA_P256_SHA256"})
    void generatedKeyFilesSignAndVerifyAndAreTrustedForTheirRole(SignatureAlgorithm algorithm) throws Exception {
        generatedKeyFilesSignVerifyAndAreTrusted(algorithm);
    }

    /** As above for RSA, whose generation costs seconds: the full build runs it, the fast set does not. */
    @Test
    @Tag("slow")
    @Tag("keys")
    void generatedRsaKeyFilesSignAndVerifyAndAreTrustedForTheirRole() throws Exception {
        generatedKeyFilesSignVerifyAndAreTrusted(SignatureAlgorithm.RSA_SHA256);
    }

    private void generatedKeyFilesSignVerifyAndAreTrusted(SignatureAlgorithm algorithm) throws Exception {
        GeneratedKey key = KeyFiles.generate("QA", algorithm, dir);

        assertThat(key.privateKey()).hasFileName("QA.key.pem");
        assertThat(Files.readString(key.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(key.privateKey()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(key.publicKey())).startsWith("-----BEGIN PUBLIC KEY-----");
        PemSigner signer = PemSigner.load("QA", key.privateKey());
        assertThat(signer.keyId()).isEqualTo(key.keyId())
                .isEqualTo(Sha256.hex(PemKeys.readPublicKey(key.publicKey()).getEncoded()));
        assertThat(signer.algorithm()).isEqualTo(algorithm);
        byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] signature = signer.sign(message);
        assertThat(Crypto.verify(algorithm, PemKeys.readPublicKey(key.publicKey()), message, signature)).isTrue();
        assertThat(Crypto.verify(algorithm, PemKeys.readPublicKey(key.publicKey()), "hellO".getBytes(), signature))
                .isFalse();

        TrustedKeys trust = TrustFile.read(key.trustFile());
        assertThat(trust.find(key.keyId(), "QA")).isPresent();
        assertThat(trust.find(key.keyId(), "PM")).isEmpty();
    }

    @Test
    void theTrustFileCollectsEveryRoleAndKeysAreNeverOverwritten() throws Exception {
        KeyFiles.generate("PM", SignatureAlgorithm.ED25519, dir);
        KeyFiles.generate("TechLead", SignatureAlgorithm.ECDSA_P256_SHA256, dir);
        String before = Files.readString(dir.resolve("PM.key.pem"));

        assertThatThrownBy(() -> KeyFiles.generate("PM", SignatureAlgorithm.ED25519, dir))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("never overwritten");

        assertThat(Files.readString(dir.resolve("PM.key.pem"))).isEqualTo(before);
        assertThat(TrustFile.read(dir.resolve("trust.yaml")).keys()).extracting(k -> k.role())
                .containsExactly("PM", "TechLead");
    }

    /**
     * A generation whose trust file cannot be written (a full disk, a file-size limit, a lock that cannot be
     * taken) leaves no key files behind: before, the private and public key stayed without a trust entry,
     * and the next `keys generate` refused the role ("key file already exists").
     */
    @Test
    void aKeyWhoseTrustEntryCannotBeWrittenLeavesNoKeyFiles() throws Exception {
        Files.createDirectory(dir.resolve("trust.yaml.lock"));

        assertThatThrownBy(() -> KeyFiles.generate("PM", SignatureAlgorithm.ED25519, dir))
                .hasMessageContaining("trust.yaml");

        assertThat(dir.resolve("PM.key.pem")).doesNotExist();
        assertThat(dir.resolve("PM.pub.pem")).doesNotExist();
        Files.delete(dir.resolve("trust.yaml.lock"));
        KeyFiles.generate("PM", SignatureAlgorithm.ED25519, dir);
        assertThat(TrustFile.read(dir.resolve("trust.yaml")).keys()).extracting(k -> k.role()).containsExactly("PM");
    }

    /** A key staged by a run killed before the trust file listed it was never trusted nor used: the next run deletes it. */
    @Test
    void aStagedKeyTheTrustFileDoesNotListIsReplacedByTheNextRun() throws Exception {
        KeyFiles.generate("QA", SignatureAlgorithm.ED25519, dir);
        Path staged = KeyFiles.stagedFile(dir, "PM");
        KeyPair interrupted = Crypto.generate(SignatureAlgorithm.ED25519);
        PemKeys.writePrivateKey(staged, interrupted.getPrivate());

        GeneratedKey pm = KeyFiles.generate("PM", SignatureAlgorithm.ED25519, dir);

        assertThat(pm.keyId()).isNotEqualTo(Crypto.keyId(interrupted.getPublic()));
        assertThat(staged).doesNotExist();
        assertThat(TrustFile.read(dir.resolve("trust.yaml")).keys()).extracting(k -> k.keyId())
                .contains(pm.keyId()).doesNotContain(Crypto.keyId(interrupted.getPublic())).hasSize(2);
    }

    /**
     * A key staged by a run killed after the trust file listed it is the trusted key: the next run writes its
     * files (before, the trust file kept a key nobody held, or the key files stayed without a trust entry).
     */
    @Test
    void aStagedKeyTheTrustFileListsGetsItsFilesOnTheNextRunWhateverAlgorithmIsAsked() throws Exception {
        Path staged = KeyFiles.stagedFile(dir, "PM");
        KeyPair interrupted = Crypto.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        PemKeys.writePrivateKey(staged, interrupted.getPrivate());
        String keyId = Crypto.keyId(interrupted.getPublic());
        TrustFile.add(dir.resolve("trust.yaml"),
                new TrustedKey("PM", keyId, SignatureAlgorithm.ECDSA_P256_SHA256, interrupted.getPublic()));
        Files.writeString(dir.resolve(".PM.key.pem123.tmp"), "a killed write's temporary file");

        GeneratedKey pm = KeyFiles.generate("PM", SignatureAlgorithm.ED25519, dir);

        assertThat(pm.keyId()).isEqualTo(keyId);
        assertThat(pm.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(PemSigner.load("PM", pm.privateKey()).keyId()).isEqualTo(keyId);
        assertThat(Files.getPosixFilePermissions(pm.privateKey())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Crypto.keyId(PemKeys.readPublicKey(pm.publicKey()))).isEqualTo(keyId);
        assertThat(staged).doesNotExist();
        assertThat(dir.resolve(".PM.key.pem123.tmp")).doesNotExist();
        assertThat(TrustFile.read(dir.resolve("trust.yaml")).keys()).hasSize(1);
    }

    @Test
    void aStagedTrustedKeyIsNeverWrittenOverAnotherKeyFileAndTheMessageSaysWhereItWaits() throws Exception {
        Path staged = KeyFiles.stagedFile(dir, "PM");
        KeyPair interrupted = Crypto.generate(SignatureAlgorithm.ED25519);
        PemKeys.writePrivateKey(staged, interrupted.getPrivate());
        TrustFile.add(dir.resolve("trust.yaml"), new TrustedKey("PM", Crypto.keyId(interrupted.getPublic()),
                SignatureAlgorithm.ED25519, interrupted.getPublic()));
        Files.writeString(dir.resolve("PM.key.pem"), "someone else's key");

        assertThatThrownBy(() -> KeyFiles.generate("PM", SignatureAlgorithm.ED25519, dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("never overwritten").hasMessageContaining(".PM.staged.key.pem");

        assertThat(Files.readString(dir.resolve("PM.key.pem"))).isEqualTo("someone else's key");
        assertThat(staged).exists();
    }

    @Test
    void aRoleMustBeASafeName() {
        assertThatThrownBy(() -> KeyFiles.generate("../QA", SignatureAlgorithm.ED25519, dir))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("invalid role");
    }

    @Test
    void aTrustEntryWhoseKeyIdIsNotItsKeysFingerprintIsRefusedAtItsLine() throws Exception {
        GeneratedKey key = KeyFiles.generate("QA", SignatureAlgorithm.ED25519, dir);
        Path trust = key.trustFile();
        Files.writeString(trust, Files.readString(trust).replace(key.keyId(), "ab".repeat(32)));

        assertThatThrownBy(() -> TrustFile.read(trust)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not the fingerprint")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(5));
    }

    /**
     * Eighth review: an RSA key under 2048 bits in the keeper's trust file is refused at its entry
     * (seal24: at the entry's {@code public_key}, line 6, as every key outside the allow-list is).
     */
    @Test
    void aTrustEntryWithAnRsaKeyUnder2048BitsIsRefusedAtItsLine() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        PublicKey weak = generator.generateKeyPair().getPublic();
        String pem = PemKeys.publicKeyPem(weak).strip().replace("\n", "\n        ");
        Path trust = Files.writeString(dir.resolve("trust.yaml"), "version: \"1.0\"\nroles:\n  QA:\n"
                + "    - key_id: " + Crypto.keyId(weak) + "\n      algorithm: RSA-SHA256\n      public_key: |\n        "
                + pem + "\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> TrustFile.read(trust)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has 1024 bits").hasMessageContaining("at least 2048")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(6));
        assertThat(TrustFile.check(trust, "trust.yaml")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("has 1024 bits"));
    }

    @Test
    void malformedKeyFilesAreRefusedClearly() throws Exception {
        GeneratedKey key = KeyFiles.generate("QA", SignatureAlgorithm.ED25519, dir);
        Path text = Files.writeString(dir.resolve("not-a-key.pem"), "hello\n");

        assertThatThrownBy(() -> PemSigner.load("QA", key.publicKey())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected a PEM private key");
        assertThatThrownBy(() -> PemSigner.load("QA", text)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no PEM object");
        assertThatThrownBy(() -> PemSigner.load("QA", dir.resolve("absent.pem"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not found");
    }

    @Test
    void aKeyFileGivenRelativeThatIsNotThereIsLocatedAsGivenThenWhereItResolved() {
        Path absent = Path.of("absent.pem");

        assertThatThrownBy(() -> PemSigner.load("QA", absent)).isInstanceOf(InvalidInputException.class)
                .hasMessage("key file not found")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().file())
                        .isEqualTo("absent.pem (" + absent.toAbsolutePath() + ")"));
    }

    @Test
    void aDirectoryGivenAsTheTrustFileIsNamedAsOneWithTheFileInIt() throws Exception {
        GeneratedKey key = KeyFiles.generate("QA", SignatureAlgorithm.ED25519, dir);

        assertThatThrownBy(() -> TrustFile.read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is a directory, not a trust file")
                .hasMessageContaining(key.trustFile().toString())
                .hasMessageNotContaining("not found");
        assertThatThrownBy(() -> TrustFile.read(Files.createDirectory(dir.resolve("empty"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is a directory, not a trust file")
                .hasMessageContaining("planning keys generate --out DIR");
    }

    @Test
    void aTrustFileWhoseKeyTextWasDamagedSaysSoWithoutJavaClassNames() throws Exception {
        GeneratedKey key = KeyFiles.generate("QA", SignatureAlgorithm.ED25519, dir);
        String text = Files.readString(key.trustFile(), StandardCharsets.UTF_8);
        Files.writeString(key.trustFile(), text.replace("MCow", "XXXX"), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> TrustFile.read(key.trustFile())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a whole key (cut short, or edited)")
                .hasMessageNotContaining("java.lang.")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void aTrustFilesSigningPolicyIsReadAndKeptWhenAKeyIsAdded() throws Exception {
        KeyFiles.generate("PM", SignatureAlgorithm.ED25519, dir);
        GeneratedKey qa = KeyFiles.generate("QA", SignatureAlgorithm.ED25519, dir);
        Files.writeString(qa.trustFile(), Files.readString(qa.trustFile())
                + "signing:\n  required:\n    - {roles: [PM, QA], min: 2}\n", StandardCharsets.UTF_8);

        KeyFiles.generate("TechLead", SignatureAlgorithm.ED25519, dir);
        TrustedKeys trust = TrustFile.read(qa.trustFile());

        assertThat(trust.keys()).extracting(k -> k.role()).containsExactly("PM", "QA", "TechLead");
        assertThat(trust.signing().required()).singleElement()
                .satisfies(r -> assertThat(r.describe()).isEqualTo("2 of [PM, QA]"));
    }

    @Test
    void aTrustFileWithoutASigningSectionAddsNoRequirement() {
        GeneratedKey pm = KeyFiles.generate("PM", SignatureAlgorithm.ED25519, dir);

        assertThat(TrustFile.read(pm.trustFile()).signing().required()).isEmpty();
    }
    @Test
    void aTrustFilesRequirementTooLargeToCountIsRefusedRatherThanWrapped() {
        // 2^32 + 2 read as an int is 2: "more keys than exist" would have become "two signatures".
        GeneratedKey pm = KeyFiles.generate("PM", SignatureAlgorithm.ED25519, dir);
        try {
            Files.writeString(pm.trustFile(), Files.readString(pm.trustFile(), StandardCharsets.UTF_8)
                    + "signing:\n  required:\n    - {roles: [PM], min: 4294967298}\n", StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        assertThatThrownBy(() -> TrustFile.read(pm.trustFile())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("min");
    }
    /**
     * parse24: JSON Schema's {@code integer} is a number with no fraction, so {@code min: 2.0} is accepted
     * (as the rulebook's whole numbers are, docs/rules.md) and read as the whole number written; a
     * fraction is refused, never cut to an int.
     */
    @Test
    void aWholeNumberWrittenWithAPointIsThatNumberAndAFractionIsRefused() throws Exception {
        GeneratedKey pm = KeyFiles.generate("PM", SignatureAlgorithm.ED25519, dir);
        String keys = Files.readString(pm.trustFile(), StandardCharsets.UTF_8);
        Files.writeString(pm.trustFile(), keys + "signing:\n  required:\n    - {roles: [PM], min: 2.0}\n",
                StandardCharsets.UTF_8);

        assertThat(TrustFile.read(pm.trustFile()).signing().required()).singleElement()
                .satisfies(r -> assertThat(r.min()).isEqualTo(2));

        Files.writeString(pm.trustFile(), keys + "signing:\n  required:\n    - {roles: [PM], min: 1.5}\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TrustFile.read(pm.trustFile())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("min").hasMessageContaining("integer");
    }

    /**
     * keys27: a requirement's {@code min} is the whole number written: {@code 1.0} and {@code 1e0} are 1;
     * {@code -0} is 0, under the least of 1; {@code 2.0000000000000001} (the integer 2 to the schema's validator,
     * and read as 2) is no whole number; {@code 1e400} was two errors, one saying "Infinity". Each refusal is one
     * error naming the value as written, at the {@code min}'s line (the schema's words for {@code -0}, which it judges
     * right).
     */
    @Test
    void aRequirementsMinIsTheWholeNumberWrittenOrOneClearRefusal() throws Exception {
        GeneratedKey pm = KeyFiles.generate("PM", SignatureAlgorithm.ED25519, dir);
        String keys = Files.readString(pm.trustFile(), StandardCharsets.UTF_8);
        Function<String, Object> read = min -> {
            try {
                Files.writeString(pm.trustFile(), keys + "signing:\n  required:\n    - {roles: [PM], min: " + min + "}\n",
                        StandardCharsets.UTF_8);
                return TrustFile.read(pm.trustFile()).signing().required().get(0).min();
            } catch (InvalidInputException e) {
                return e;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };

        assertThat(read.apply("1.0")).isEqualTo(1);
        assertThat(read.apply("1e0")).isEqualTo(1);
        Object zero = read.apply("-0");
        assertThat(zero).isInstanceOf(InvalidInputException.class);
        assertThat(((InvalidInputException) zero).getMessage()).contains("`signing.required[0].min`: must have a minimum"
                + " value of 1");
        for (String[] refused : new String[][] {{"2.0000000000000001", "`signing.required[0].min` must be an integer (found number 2.0000000000000001)"},
            {"1e400", "`signing.required[0].min`: must have a maximum value of 2147483647 (found 1E+400)"},
            {"18446744073709551617", "`signing.required[0].min`: must have a maximum value of 2147483647 (found"
                    + " 18446744073709551617)"}}) {
            Object result = read.apply(refused[0]);
            assertThat(result).as(refused[0]).isInstanceOf(InvalidInputException.class);
            InvalidInputException e = (InvalidInputException) result;
            assertThat(e.getMessage()).as(refused[0]).contains(refused[1])
                    .doesNotContain("Infinity")
                    .doesNotContain("errors:");
            assertThat(TrustFile.check(pm.trustFile(), "trust.yaml")).as(refused[0]).hasSize(1);
        }
    }
}
