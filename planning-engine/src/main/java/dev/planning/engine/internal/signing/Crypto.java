package dev.planning.engine.internal.signing;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.engine.internal.hash.Sha256;
import java.io.IOException;
import java.math.BigInteger;
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
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The three signature algorithms: key generation, key ids, signing and checking.
 *
 * <p>Keys are generated, and signatures made and checked, by the JDK's own providers (SunEC has
 * Ed25519 and ECDSA P-256, SunRsaSign RSA): the same algorithms and the same encodings as
 * BouncyCastle's, without registering BouncyCastle's provider, which costs more CPU time than a
 * short command's own work. BouncyCastle's provider is built only for a key the JDK cannot
 * represent (a P-256 public key written with explicit curve parameters or a compressed point, see
 * {@link PemKeys}): such a key is one of its classes, and its operations stay with it.
 *
 * <pre>{@code
 * KeyPair pair = Crypto.generate(SignatureAlgorithm.ED25519);
 * String keyId = Crypto.keyId(pair.getPublic());
 * byte[] signature = Crypto.sign(SignatureAlgorithm.ED25519, pair.getPrivate(), message);
 * boolean ok = Crypto.verify(SignatureAlgorithm.ED25519, pair.getPublic(), message, signature);
 * }</pre>
 */
public final class Crypto {

    /** BouncyCastle's provider, built on first use; used explicitly, never added to the JVM's provider list. */
    private static final class Bc {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    private static final int RSA_BITS = 3072;

    /** The order n of P-256's base point. */
    private static final BigInteger P256_ORDER =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    private static final BigInteger P256_HALF_ORDER = P256_ORDER.shiftRight(1);

    private Crypto() {
    }

    /** BouncyCastle's provider, built on first use (for keys the JDK cannot represent). */
    static Provider bc() {
        return Bc.PROVIDER;
    }

    /** Whether a key is one of BouncyCastle's own classes, whose operations stay with its provider. */
    static boolean isBouncyCastleKey(Key key) {
        return key.getClass().getName().startsWith("org.bouncycastle.");
    }

    private static Signature signatureFor(SignatureAlgorithm algorithm, Key key) throws GeneralSecurityException {
        return isBouncyCastleKey(key) ? Signature.getInstance(jcaName(algorithm), bc())
                : Signature.getInstance(jcaName(algorithm));
    }

    /** A new key pair (RSA keys have 3072 bits, EC keys are on P-256). */
    public static KeyPair generate(SignatureAlgorithm algorithm) {
        try {
            KeyPairGenerator generator = switch (algorithm) {
                case ED25519 -> KeyPairGenerator.getInstance("Ed25519");
                case ECDSA_P256_SHA256 -> {
                    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
                    ec.initialize(new ECGenParameterSpec("secp256r1"));
                    yield ec;
                }
                case RSA_SHA256 -> {
                    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
                    rsa.initialize(RSA_BITS);
                    yield rsa;
                }
            };
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + algorithm.id() + " keys", e);
        }
    }

    /** A key's id: lower-case hex SHA-256 of its DER SubjectPublicKeyInfo. */
    public static String keyId(PublicKey key) {
        return Sha256.hex(key.getEncoded());
    }

    /**
     * A key's identity, whatever its encoding: the SHA-256 of its SubjectPublicKeyInfo re-encoded
     * in the one canonical form of its type (P-256 keys with the named-curve OID and an
     * uncompressed point, RSA keys with {@code rsaEncryption} and NULL parameters, Ed25519 keys as
     * they are). Equal to {@link #keyId} for a key encoded canonically, as {@code keys generate}
     * and {@code openssl} write them; a key given with explicit curve parameters or a compressed
     * point has another {@code keyId} but the same identity, so that it counts once.
     *
     * @throws InvalidInputException for keys of an unsupported type
     */
    public static String identity(PublicKey key) {
        try {
            if (key instanceof ECPublicKey ec) {
                algorithmOf(key);
                byte[] point = uncompressed(ec.getW());
                return Sha256.hex(new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                        SECObjectIdentifiers.secp256r1), point).getEncoded(ASN1Encoding.DER));
            }
            if (key instanceof RSAPublicKey rsa) {
                return Sha256.hex(new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                        DERNull.INSTANCE), new org.bouncycastle.asn1.pkcs.RSAPublicKey(rsa.getModulus(),
                        rsa.getPublicExponent())).getEncoded(ASN1Encoding.DER));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a public key", e);
        }
        algorithmOf(key);
        return keyId(key);
    }

    private static byte[] uncompressed(ECPoint w) {
        byte[] point = new byte[65];
        point[0] = 0x04;
        copyUnsigned(w.getAffineX(), point, 1);
        copyUnsigned(w.getAffineY(), point, 33);
        return point;
    }

    private static void copyUnsigned(BigInteger value, byte[] into, int offset) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 32 ? bytes.length - 32 : 0;
        int length = bytes.length - start;
        System.arraycopy(bytes, start, into, offset + 32 - length, length);
    }

    /**
     * The algorithm a key read from a file signs with, by the one allow-list of keys ({@link SignatureAlgorithm#ofKey}:
     * Ed25519, P-256's whole domain, RSA of at least 2048 bits with an odd public exponent of at least 3), as a trust
     * file's keys and {@code TrustedKey} are held to it.
     *
     * @param at the file (and, for a trust file's key, the line and column) the key was read from
     * @throws InvalidInputException for any other key, located at {@code at}
     */
    public static SignatureAlgorithm algorithmOf(Key key, SourceLocation at) {
        return KeyAllowList.requireKey(key, at);
    }

    /**
     * The algorithm a key that no file holds (a key pair an embedder passes, a key built in code) signs with, by the
     * same allow-list; a refusal names no file (keys26: such callers passed words, "key of role QA", which a JSON
     * error showed as its {@code file}).
     *
     * @throws InvalidInputException for any other key, without a location
     */
    public static SignatureAlgorithm algorithmOf(Key key) {
        return SignatureAlgorithm.ofKey(key);
    }

    /**
     * Signs a message.
     *
     * @throws InvalidInputException when the key does not fit the algorithm
     */
    public static byte[] sign(SignatureAlgorithm algorithm, PrivateKey key, byte[] message) {
        try {
            Signature signature = signatureFor(algorithm, key);
            signature.initSign(key);
            signature.update(message);
            byte[] made = signature.sign();
            return algorithm == SignatureAlgorithm.ECDSA_P256_SHA256 ? lowS(made) : made;
        } catch (InvalidKeyException e) {
            throw new InvalidInputException("the private key cannot make " + algorithm.id() + " signatures: "
                    + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + algorithm.id(), e);
        }
    }

    /**
     * Whether a signature over a message verifies with a public key; malformed signatures do not,
     * and neither do high-S ECDSA signatures (see {@link #isHighS}).
     */
    public static boolean verify(SignatureAlgorithm algorithm, PublicKey key, byte[] message, byte[] signatureBytes) {
        if (algorithm == SignatureAlgorithm.ECDSA_P256_SHA256 && isHighS(signatureBytes)) {
            return false;
        }
        try {
            Signature signature = signatureFor(algorithm, key);
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

    /**
     * Whether a DER ECDSA P-256 signature {@code (r, s)} has {@code s > n/2}. For every valid
     * signature {@code (r, s)}, {@code (r, n - s)} verifies too; accepting only the low-S one (as
     * Bitcoin's BIP 62 and libsecp256k1 do) makes each signature's bytes unique, so that a copy
     * with its {@code s} flipped is a changed signature, not a second one. A signature that is not
     * a DER {@code SEQUENCE} of two integers counts as high-S (it never verifies anyway).
     */
    public static boolean isHighS(byte[] der) {
        BigInteger[] rs = decodeDer(der);
        return rs == null || rs[1].compareTo(P256_HALF_ORDER) > 0;
    }

    /** The low-S twin of a DER ECDSA P-256 signature: {@code (r, n - s)} when {@code s > n/2}. */
    static byte[] lowS(byte[] der) {
        BigInteger[] rs = decodeDer(der);
        if (rs == null || rs[1].compareTo(P256_HALF_ORDER) <= 0) {
            return der;
        }
        try {
            return new DERSequence(new ASN1Encodable[] {new ASN1Integer(rs[0]),
                    new ASN1Integer(P256_ORDER.subtract(rs[1]))}).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an ECDSA signature", e);
        }
    }

    private static BigInteger[] decodeDer(byte[] der) {
        try {
            ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
            if (!(primitive instanceof ASN1Sequence sequence) || sequence.size() != 2
                    || !(sequence.getObjectAt(0) instanceof ASN1Integer r)
                    || !(sequence.getObjectAt(1) instanceof ASN1Integer s)) {
                return null;
            }
            return new BigInteger[] {r.getValue(), s.getValue()};
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    private static String jcaName(SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case ED25519 -> "Ed25519";
            case ECDSA_P256_SHA256 -> "SHA256withECDSA";
            case RSA_SHA256 -> "SHA256withRSA";
        };
    }
}
