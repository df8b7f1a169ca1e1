package dev.planning.engine.signing;

import dev.planning.api.InvalidInputException;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.engine.hash.Sha256;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The three signature algorithms over BouncyCastle: key generation, key ids, signing and checking.
 *
 * <pre>{@code
 * KeyPair pair = Crypto.generate(SignatureAlgorithm.ED25519);
 * String keyId = Crypto.keyId(pair.getPublic());
 * byte[] signature = Crypto.sign(SignatureAlgorithm.ED25519, pair.getPrivate(), message);
 * boolean ok = Crypto.verify(SignatureAlgorithm.ED25519, pair.getPublic(), message, signature);
 * }</pre>
 */
public final class Crypto {

    /** The provider, used explicitly: never added to the JVM's provider list. */
    static final Provider BC = new BouncyCastleProvider();

    private static final int RSA_BITS = 3072;

    private Crypto() {
    }

    /** A new key pair (RSA keys have 3072 bits, EC keys are on P-256). */
    public static KeyPair generate(SignatureAlgorithm algorithm) {
        try {
            KeyPairGenerator generator = switch (algorithm) {
                case ED25519 -> KeyPairGenerator.getInstance("Ed25519", BC);
                case ECDSA_P256_SHA256 -> {
                    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", BC);
                    ec.initialize(new ECGenParameterSpec("secp256r1"));
                    yield ec;
                }
                case RSA_SHA256 -> {
                    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA", BC);
                    rsa.initialize(RSA_BITS);
                    yield rsa;
                }
            };
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle cannot generate " + algorithm.id() + " keys", e);
        }
    }

    /** A key's id: lower-case hex SHA-256 of its DER SubjectPublicKeyInfo. */
    public static String keyId(PublicKey key) {
        return Sha256.hex(key.getEncoded());
    }

    /**
     * The algorithm a key signs with.
     *
     * @throws InvalidInputException for keys of other types (DSA, EC on other curves, Ed448)
     */
    public static SignatureAlgorithm algorithmOf(Key key, String source) {
        if (key instanceof RSAKey) {
            return SignatureAlgorithm.RSA_SHA256;
        }
        if (key instanceof ECKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() == 256 && isP256(ec)) {
                return SignatureAlgorithm.ECDSA_P256_SHA256;
            }
            throw new InvalidInputException(source + ": EC keys must be on the P-256 curve (secp256r1)");
        }
        String name = key.getAlgorithm();
        boolean jdkEd25519 = key instanceof EdECKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName());
        if ("Ed25519".equalsIgnoreCase(name) || jdkEd25519) {
            return SignatureAlgorithm.ED25519;
        }
        throw new InvalidInputException(source + ": unsupported key type " + name
                + "; expected an Ed25519, ECDSA P-256 or RSA key");
    }

    /**
     * Signs a message.
     *
     * @throws InvalidInputException when the key does not fit the algorithm
     */
    public static byte[] sign(SignatureAlgorithm algorithm, PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance(jcaName(algorithm), BC);
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (InvalidKeyException e) {
            throw new InvalidInputException("the private key cannot make " + algorithm.id() + " signatures: "
                    + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + algorithm.id(), e);
        }
    }

    /** Whether a signature over a message verifies with a public key; malformed signatures do not. */
    public static boolean verify(SignatureAlgorithm algorithm, PublicKey key, byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(jcaName(algorithm), BC);
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (InvalidKeyException | SignatureException | IllegalArgumentException e) {
            // A key of the wrong type, or a signature that is not even well-formed, does not verify.
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify " + algorithm.id() + " signatures", e);
        }
    }

    private static String jcaName(SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case ED25519 -> "Ed25519";
            case ECDSA_P256_SHA256 -> "SHA256withECDSA";
            case RSA_SHA256 -> "SHA256withRSA";
        };
    }

    private static boolean isP256(ECKey key) {
        // P-256's order; comparing it identifies the curve whatever name the provider gives it.
        return key.getParams().getOrder().toString(16)
                .equals("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    }
}
