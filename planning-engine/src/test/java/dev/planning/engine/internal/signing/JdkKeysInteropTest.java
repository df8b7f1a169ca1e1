package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.signing.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keys and signatures made with the JDK's providers interoperate with those BouncyCastle's provider
 * made before: the same key files, the same key ids, signatures verifying both ways.
 */
class JdkKeysInteropTest {

    private static final byte[] MESSAGE = "the manifest's canonical form".getBytes(StandardCharsets.UTF_8);

    /** One BouncyCastle key pair per algorithm for the whole class: no test changes it, and an RSA one takes seconds. */
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

        PublicKey parsed = PemKeys.parsePublicKey(pem, "test");

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
    @EnumSource(SignatureAlgorithm.class)
    void generatedKeysRoundTripThroughTheirFiles(SignatureAlgorithm algorithm) {
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
        KeyPairGenerator generator = switch (algorithm) {
            case ED25519 -> KeyPairGenerator.getInstance("Ed25519", Crypto.bc());
            case ECDSA_P256_SHA256 -> {
                KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", Crypto.bc());
                ec.initialize(new ECGenParameterSpec("secp256r1"));
                yield ec;
            }
            case RSA_SHA256 -> {
                KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA", Crypto.bc());
                rsa.initialize(2048);
                yield rsa;
            }
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
