package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.SourceLocation;
import dev.planning.api.signing.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keys and signatures made with the JDK's providers interoperate with those BouncyCastle's provider
 * made before: the same key files, the same key ids, signatures verifying both ways.
 */
class JdkKeysInteropTest {

    private static final byte[] MESSAGE = "the manifest's canonical form".getBytes(StandardCharsets.UTF_8);

    /**
     * One BouncyCastle key pair per algorithm for the whole class: no test changes it. The RSA one is
     * the fixed test key ({@link TestKeys#rsa()}) as BouncyCastle's key objects.
     */
    private static final Map<SignatureAlgorithm, KeyPair> BOUNCY_CASTLE_PAIRS = new EnumMap<>(SignatureAlgorithm.class);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void aKeyFileBouncyCastleWroteReadsToTheSameKeyIdAndItsSignaturesVerifyBothWays(SignatureAlgorithm algorithm)
            throws Exception {
        KeyPair old = bouncyCastlePair(algorithm);
        Path file = dir.resolve("old.key.pem");
        PemKeys.writePrivateKey(file, old.getPrivate());

        KeyPair read = PemKeys.readPrivateKey(file);

        assertThat(Crypto.keyId(read.getPublic())).isEqualTo(Crypto.keyId(old.getPublic()));
        byte[] oldSignature = bouncyCastleSign(algorithm, old, MESSAGE);
        assertThat(Crypto.verify(algorithm, read.getPublic(), MESSAGE, oldSignature)).isTrue();
        byte[] newSignature = Crypto.sign(algorithm, read.getPrivate(), MESSAGE);
        Signature check = Signature.getInstance(jcaName(algorithm), Crypto.bc());
        check.initVerify(old.getPublic());
        check.update(MESSAGE);
        assertThat(check.verify(newSignature)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void canonicalPublicKeysAreTheJdksAndKeepTheirEncoding(SignatureAlgorithm algorithm) throws Exception {
        KeyPair old = bouncyCastlePair(algorithm);
        String pem = PemKeys.publicKeyPem(old.getPublic());

        PublicKey parsed = PemKeys.parsePublicKey(pem, SourceLocation.ofFile("test"));

        assertThat(Crypto.isBouncyCastleKey(parsed)).isFalse();
        assertThat(parsed.getEncoded()).isEqualTo(old.getPublic().getEncoded());
        assertThat(PemKeys.publicKeyPem(parsed)).isEqualTo(pem);
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"ED25519", "RSA_SHA256"})
    void deterministicSignaturesAreByteForByteTheOnesBouncyCastleMade(SignatureAlgorithm algorithm) throws Exception {
        KeyPair old = bouncyCastlePair(algorithm);
        Path file = dir.resolve("old.key.pem");
        PemKeys.writePrivateKey(file, old.getPrivate());

        byte[] made = Crypto.sign(algorithm, PemKeys.readPrivateKey(file).getPrivate(), MESSAGE);

        assertThat(made).isEqualTo(bouncyCastleSign(algorithm, old, MESSAGE));
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"ED25519", "ECDSA_P256_SHA256"})
    void generatedKeysRoundTripThroughTheirFiles(SignatureAlgorithm algorithm) {
        roundTripsThroughItsFile(algorithm);
    }

    /** As above for RSA, whose generation costs seconds: the full build runs it, the fast set does not. */
    @Test
    @Tag("slow")
    @Tag("keys")
    void aGeneratedRsaKeyRoundTripsThroughItsFile() {
        roundTripsThroughItsFile(SignatureAlgorithm.RSA_SHA256);
    }

    private void roundTripsThroughItsFile(SignatureAlgorithm algorithm) {
        KeyPair pair = Crypto.generate(algorithm);
        Path file = dir.resolve("new.key.pem");
        PemKeys.writePrivateKey(file, pair.getPrivate());

        KeyPair read = PemKeys.readPrivateKey(file);

        assertThat(Crypto.keyId(read.getPublic())).isEqualTo(Crypto.keyId(pair.getPublic()));
        assertThat(Crypto.verify(algorithm, pair.getPublic(), MESSAGE, Crypto.sign(algorithm, read.getPrivate(), MESSAGE)))
                .isTrue();
        assertThat(Files.exists(file)).isTrue();
    }

    private static synchronized KeyPair bouncyCastlePair(SignatureAlgorithm algorithm) throws Exception {
        KeyPair made = BOUNCY_CASTLE_PAIRS.get(algorithm);
        if (made == null) {
            made = newBouncyCastlePair(algorithm);
            BOUNCY_CASTLE_PAIRS.put(algorithm, made);
        }
        return made;
    }

    private static KeyPair newBouncyCastlePair(SignatureAlgorithm algorithm) throws Exception {
        if (algorithm == SignatureAlgorithm.RSA_SHA256) {
            // The fixed test key as BouncyCastle's key objects: generating an RSA key costs seconds.
            KeyPair fixed = TestKeys.rsa();
            KeyFactory factory = KeyFactory.getInstance("RSA", Crypto.bc());
            return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(fixed.getPublic().getEncoded())),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(fixed.getPrivate().getEncoded())));
        }
        KeyPairGenerator generator = switch (algorithm) {
            case ED25519 -> KeyPairGenerator.getInstance("Ed25519", Crypto.bc());
            case ECDSA_P256_SHA256 -> {
                KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", Crypto.bc());
                ec.initialize(new ECGenParameterSpec("secp256r1"));
                yield ec;
            }
            case RSA_SHA256 -> throw new AssertionError("read above");
        };
        return generator.generateKeyPair();
    }

    private static byte[] bouncyCastleSign(SignatureAlgorithm algorithm, KeyPair pair, byte[] message) throws Exception {
        Signature signature = Signature.getInstance(jcaName(algorithm), Crypto.bc());
        signature.initSign(pair.getPrivate());
        signature.update(message);
        byte[] made = signature.sign();
        return algorithm == SignatureAlgorithm.ECDSA_P256_SHA256 ? Crypto.lowS(made) : made;
    }

    private static String jcaName(SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case ED25519 -> "Ed25519";
            case ECDSA_P256_SHA256 -> "SHA256withECDSA";
            case RSA_SHA256 -> "SHA256withRSA";
        };
    }
}
