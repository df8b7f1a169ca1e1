package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.signing.SignatureAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * seal24: key files are read against an allow-list on the parsed key (SPEC §8: Ed25519, ECDSA on
 * P-256, RSA of at least 2048 bits), for a signing key, a trust file's key and the inputs of
 * {@code keys generate} alike. Before, a P-384, P-521 or secp256k1 private key (and an RSA key of
 * 1024 bits, or one restricted to PSS) read without complaint as a signing key, and a trust file's
 * P-384 key was refused with no file named. Each real key here is refused naming its file (or its
 * trust file's line) and what it is.
 */
class KeyAllowListTest {

    @TempDir
    Path dir;

    /** A key the trust model does not allow, and words its refusal names it by. */
    record Refused(String name, KeyPair pair, String what) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> refusedKeys() throws Exception {
        List<Refused> keys = List.of(
                new Refused("P-384", ec("secp384r1", null), "an ECDSA key on P-384 (secp384r1), not on P-256"),
                new Refused("P-521", ec("secp521r1", null), "an ECDSA key on P-521 (secp521r1), not on P-256"),
                // The JDK 17 no longer makes secp256k1 keys: BouncyCastle's provider does.
                new Refused("secp256k1", ec("secp256k1", Crypto.bc()), "an ECDSA key on secp256k1, not on P-256"),
                new Refused("DSA", generate("DSA", 2048), "unsupported key type DSA"),
                new Refused("Ed448", KeyPairGenerator.getInstance("Ed448").generateKeyPair(), "unsupported key type Ed448"),
                new Refused("RSA-1024", generate("RSA", 1024), "an RSA key that has 1024 bits, under the 2048 it needs"),
                new Refused("RSASSA-PSS", rsaPss(), "unsupported key type RSASSA-PSS"));
        return keys.stream().map(Arguments::of);
    }

    private static KeyPair ec(String curve, Provider provider) throws Exception {
        KeyPairGenerator generator = provider == null ? KeyPairGenerator.getInstance("EC")
                : KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static KeyPair generate(String algorithm, int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    /** The fixed RSA-3072 test key under the RSASSA-PSS algorithm identifier (generating one costs seconds). */
    private static KeyPair rsaPss() throws Exception {
        RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) TestKeys.rsa().getPrivate();
        AlgorithmIdentifier pss = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS);
        byte[] privateDer = new PrivateKeyInfo(pss, new RSAPrivateKey(rsa.getModulus(), rsa.getPublicExponent(),
                rsa.getPrivateExponent(), rsa.getPrimeP(), rsa.getPrimeQ(), rsa.getPrimeExponentP(),
                rsa.getPrimeExponentQ(), rsa.getCrtCoefficient())).getEncoded(ASN1Encoding.DER);
        byte[] publicDer = new SubjectPublicKeyInfo(pss, new org.bouncycastle.asn1.pkcs.RSAPublicKey(rsa.getModulus(),
                rsa.getPublicExponent())).getEncoded(ASN1Encoding.DER);
        KeyFactory factory = KeyFactory.getInstance("RSASSA-PSS");
        return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(publicDer)),
                factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer)));
    }

    private static void assertNamed(InvalidInputException e, String file, String what) {
        assertThat(e).as("refused").isNotNull();
        assertThat(e.location().orElseThrow().toString()).isEqualTo(file);
        assertThat(e.getMessage()).contains("not a key the trust model allows: " + what,
                "expected an Ed25519, ECDSA P-256 or RSA key (RSA of at least 2048 bits)")
                .doesNotContain("Exception", "java.", "org.", "\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedKeys")
    void aSigningKeyOutsideTheAllowListIsRefusedNamingItsFile(Refused key) throws Exception {
        Path file = dir.resolve(key.name() + ".key.pem");
        Files.writeString(file, PemKeys.privateKeyPem(key.pair().getPrivate()), StandardCharsets.US_ASCII);

        assertNamed(catchThrowableOfType(InvalidInputException.class, () -> PemSigner.load("QA", file)),
                file.toString(), key.what());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedKeys")
    void aPublicKeyFileOutsideTheAllowListIsRefusedNamingItsFile(Refused key) throws Exception {
        Path file = dir.resolve(key.name() + ".pub.pem");
        Files.writeString(file, pem("PUBLIC KEY", key.pair().getPublic().getEncoded()), StandardCharsets.US_ASCII);

        assertNamed(catchThrowableOfType(InvalidInputException.class,
                () -> FileKeys.INSTANCE.readPublicKey("QA", file)), file.toString(), key.what());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedKeys")
    void aTrustFilesKeyOutsideTheAllowListIsRefusedAtItsLine(Refused key) throws Exception {
        Path trust = trustFileListing(key.pair().getPublic());

        assertAtItsPublicKey(catchThrowableOfType(InvalidInputException.class, () -> TrustFile.read(trust)), trust,
                key.what());
    }

    /** {@code keys generate} reads the directory's trust file first: one listing a refused key is refused, nothing written. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedKeys")
    void keysGenerateRefusesATrustFileListingAKeyOutsideTheAllowList(Refused key) throws Exception {
        Path trust = trustFileListing(key.pair().getPublic());
        byte[] before = Files.readAllBytes(trust);

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> KeyFiles.generate("PM", SignatureAlgorithm.ED25519, dir));

        assertAtItsPublicKey(e, trust, key.what());
        assertThat(Files.readAllBytes(trust)).isEqualTo(before);
        assertThat(dir.resolve("PM.key.pem")).doesNotExist();
    }

    /** The staged key of an interrupted {@code keys generate} is read as a signing key is, and refused alike. */
    @Test
    void keysGenerateRefusesAStagedKeyOutsideTheAllowList() throws Exception {
        Path staged = KeyFiles.stagedFile(dir, "PM");
        Files.writeString(staged, PemKeys.privateKeyPem(ec("secp384r1", null).getPrivate()), StandardCharsets.US_ASCII);

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> KeyFiles.generate("PM", SignatureAlgorithm.ED25519, dir));

        assertNamed(e, staged.toString(), "an ECDSA key on P-384 (secp384r1), not on P-256");
        assertThat(dir.resolve("PM.key.pem")).doesNotExist();
    }

    /** An RSA public key of the right size whose exponent is 1 (every "signature" is the padded message). */
    @Test
    void anRsaPublicKeyWithExponentOneIsRefused() throws Exception {
        BigInteger modulus = ((RSAPublicKey) TestKeys.rsa().getPublic()).getModulus();
        PublicKey one = KeyFactory.getInstance("RSA", Crypto.bc()).generatePublic(new RSAPublicKeySpec(modulus,
                BigInteger.ONE));
        byte[] der = new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                DERNull.INSTANCE), new org.bouncycastle.asn1.pkcs.RSAPublicKey(modulus, BigInteger.ONE))
                .getEncoded(ASN1Encoding.DER);
        assertThat(one.getEncoded()).isEqualTo(der);

        assertNamed(catchThrowableOfType(InvalidInputException.class,
                () -> PemKeys.parsePublicKey(pem("PUBLIC KEY", der), new SourceLocation("trust.yaml", 9, 7))),
                "trust.yaml:9:7",
                "an RSA key whose public exponent is 1 (not odd and at least 3)");
    }

    /**
     * keys25: {@code Crypto.algorithmOf} (a signer made from a key pair, a public key file read for the API's
     * {@code readPublicKey}, a trust file's entry) held RSA keys to no size and no exponent, while
     * {@code TrustedKey} and the key files did. It is now the one allow-list ({@code SignatureAlgorithm.ofKey}).
     */
    @Test
    void aSignerMadeFromAKeyPairIsHeldToTheOneAllowList() throws Exception {
        KeyPair rsa1024 = generate("RSA", 1024);
        BigInteger modulus = ((RSAPublicKey) TestKeys.rsa().getPublic()).getModulus();
        PublicKey exponentOne = KeyFactory.getInstance("RSA", Crypto.bc()).generatePublic(new RSAPublicKeySpec(modulus,
                BigInteger.ONE));

        assertThat(catchThrowableOfType(InvalidInputException.class, () -> new PemSigner("QA", rsa1024)))
                .as("RSA-1024").isNotNull().hasMessageContaining("not a key the trust model allows: an RSA key that has"
                        + " 1024 bits, under the 2048 it needs");
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> Crypto.algorithmOf(exponentOne))).as("exponent 1").isNotNull()
                .hasMessageContaining("an RSA key whose public exponent is 1 (not odd and at least 3)");
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> Crypto.algorithmOf(ec("secp256k1", Crypto.bc()).getPublic())))
                .as("secp256k1, a curve of P-256's size").isNotNull()
                .hasMessageContaining("an EC key whose curve parameters are not P-256's");
        assertThat(new PemSigner("QA", TestKeys.rsa()).algorithm()).isEqualTo(SignatureAlgorithm.RSA_SHA256);
    }

    /**
     * keys26: {@code Crypto.algorithmOf(key, source)} put its {@code source} in the refusal's file, and callers without
     * a file passed words ("key of role QA" from a signer made from a key pair, "public key" from {@code
     * Crypto.identity}), which a JSON error showed as a file. A key no file holds is now refused naming no file (the
     * role in the message), a trust file's key at its file, line and column as three fields, a key file by its path.
     */
    @Test
    void aRefusedKeyNamesAFileOnlyWhenItCameFromOne() throws Exception {
        KeyPair rsa1024 = generate("RSA", 1024);

        InvalidInputException inMemory = catchThrowableOfType(InvalidInputException.class,
                () -> new PemSigner("QA", rsa1024));
        InvalidInputException identity = catchThrowableOfType(InvalidInputException.class,
                () -> Crypto.identity(ec("secp256k1", Crypto.bc()).getPublic()));
        InvalidInputException trustLine = catchThrowableOfType(InvalidInputException.class,
                () -> Crypto.algorithmOf(rsa1024.getPublic(), new SourceLocation("keys/trust.yaml", 6, 17)));

        assertThat(inMemory.location()).as(inMemory.describe()).isEmpty();
        assertThat(inMemory.getMessage()).startsWith("the key of role QA is not a key the trust model allows: an RSA"
                + " key that has 1024 bits");
        assertThat(identity.location()).as(identity.describe()).isEmpty();
        assertThat(trustLine.location()).contains(new SourceLocation("keys/trust.yaml", 6, 17));
    }

    @Test
    void theAllowedKeysStillRead() throws Exception {
        for (KeyPair pair : List.of(Crypto.generate(SignatureAlgorithm.ED25519),
                Crypto.generate(SignatureAlgorithm.ECDSA_P256_SHA256), TestKeys.rsa())) {
            Path file = Files.createTempFile(dir, "allowed", ".key.pem");
            Files.delete(file);
            PemKeys.writePrivateKey(file, pair.getPrivate());

            assertThat(PemKeys.readPrivateKey(file).getPublic()).isEqualTo(pair.getPublic());
            assertThat(PemKeys.parsePublicKey(PemKeys.publicKeyPem(pair.getPublic()), SourceLocation.ofFile("test")))
                    .isEqualTo(pair.getPublic());
        }
    }

    /** Refused at the entry's {@code public_key} (line 6 of {@link #trustFileListing}). */
    private static void assertAtItsPublicKey(InvalidInputException e, Path trust, String what) {
        assertThat(e).as("refused").isNotNull();
        assertThat(e.location().orElseThrow().file()).isEqualTo(trust.toString());
        assertThat(e.location().orElseThrow().line()).isEqualTo(6);
        assertThat(e.getMessage()).contains("not a key the trust model allows: " + what);
    }

    private Path trustFileListing(PublicKey key) throws Exception {
        String pem = pem("PUBLIC KEY", key.getEncoded()).strip().replace("\n", "\n        ");
        return Files.writeString(dir.resolve("trust.yaml"), "version: \"1.0\"\nroles:\n  QA:\n    - key_id: "
                + Crypto.keyId(key) + "\n      algorithm: ECDSA-P256-SHA256\n      public_key: |\n        " + pem + "\n",
                StandardCharsets.UTF_8);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
