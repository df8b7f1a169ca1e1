package dev.planning.api.signing;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.util.HexFormat;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A public key trusted to sign for one role.
 *
 * <p>The key id must be the key's own fingerprint ({@link #keyIdOf}): the constructor refuses any
 * other. Verification finds a signature's keys by the id the signature names, and counts a key
 * once; a key filed under another key's id could be found for that other key's signatures and
 * count as a second signer. The algorithm must be the key's own, as a trust file's entries are
 * checked: Ed25519 for an Ed25519 key, ECDSA-P256-SHA256 for an EC key on P-256, RSA-SHA256 for an
 * RSA key of at least 2048 bits; any other key (another curve, Ed448, DSA, a shorter RSA modulus)
 * is refused.
 *
 * <pre>{@code
 * PublicKey qa = ...;                     // from a PEM file, an HSM, a KMS
 * TrustedKey trusted = new TrustedKey("QA", TrustedKey.keyIdOf(qa), SignatureAlgorithm.ED25519, qa);
 * }</pre>
 *
 * @param role      the role it may sign for, never {@code null}
 * @param keyId     lower-case hex SHA-256 of the key's DER SubjectPublicKeyInfo ({@link #keyIdOf}),
 *                  never {@code null}
 * @param algorithm the algorithm it signs with, never {@code null}
 * @param publicKey the key, never {@code null}
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record TrustedKey(String role, String keyId, SignatureAlgorithm algorithm, PublicKey publicKey) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param role the role it may sign for, never {@code null}
     * @param keyId lower-case hex SHA-256 of the key's DER SubjectPublicKeyInfo ({@link #keyIdOf}),
     *              never {@code null}
     * @param algorithm the algorithm it signs with, never {@code null}
     * @param publicKey the key, never {@code null}
     * @throws InvalidInputException for an invalid role name ({@link Roles}), a public key without an
     *                               encoding, a {@code keyId} that is not {@code keyIdOf(publicKey)}
     *                               (another key's id, upper-case hex, any other text), an
     *                               {@code algorithm} that is not the key's, or a key of another type
     *                               than Ed25519, EC on P-256 (its whole domain) and RSA of at least 2048 bits
     *                               with an odd public exponent of at least 3
     * @throws NullPointerException  for a {@code null} key id, algorithm or key
     */
    public TrustedKey {
        Roles.require(role);
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
        String fingerprint = keyIdOf(publicKey);
        if (!fingerprint.equals(keyId)) {
            throw new InvalidInputException("key id '" + Printable.line(keyId) + "' of role " + role
                    + " is not the fingerprint of its public key, which is " + fingerprint
                    + " (lower-case hex SHA-256 of the key's DER SubjectPublicKeyInfo)");
        }
        SignatureAlgorithm actual = algorithmOf(publicKey, role);
        if (actual != algorithm) {
            throw new InvalidInputException("algorithm " + algorithm.id() + " of role " + role
                    + " is not its public key's, which is " + actual.id());
        }
    }

    /** The smallest RSA modulus trusted, in bits (NIST SP 800-57's floor; {@code keys generate} makes 3072). */
    private static final int MIN_RSA_BITS = 2048;

    /** P-256's order n. */
    private static final BigInteger P256_ORDER =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

    /**
     * P-256's domain other than its order (SEC 2, section 2.4.2): the prime, the coefficients a and b, the base
     * point. The whole domain identifies the curve whatever name a provider gives it; the order alone would let
     * explicit parameters of another curve with P-256's order pass (review24: as seal24's key allow-list).
     */
    private static final BigInteger P256_PRIME =
            new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger P256_A =
            new BigInteger("ffffffff00000001000000000000000000000000fffffffffffffffffffffffc", 16);
    private static final BigInteger P256_B =
            new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
    private static final BigInteger P256_GX =
            new BigInteger("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", 16);
    private static final BigInteger P256_GY =
            new BigInteger("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5", 16);

    /**
     * The algorithm a key signs with, by its type (as a trust file's entries are checked); keys of
     * other types, other curves, and RSA keys under {@value #MIN_RSA_BITS} bits are refused.
     */
    private static SignatureAlgorithm algorithmOf(PublicKey key, String role) {
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new InvalidInputException("the RSA key of role " + role + " has " + bits + " bits; trusted RSA"
                        + " keys have at least " + MIN_RSA_BITS + " (`planning keys generate --algorithm rsa` makes 3072)");
            }
            if (key instanceof RSAPublicKey rsaPublic && (rsaPublic.getPublicExponent().compareTo(BigInteger.valueOf(3)) < 0
                    || !rsaPublic.getPublicExponent().testBit(0))) {
                // Exponent 1 makes every padded message its own signature: anyone could sign.
                throw new InvalidInputException("the RSA key of role " + role + " has the public exponent "
                        + rsaPublic.getPublicExponent() + "; trusted RSA keys have an odd one of at least 3");
            }
            return SignatureAlgorithm.RSA_SHA256;
        }
        if (key instanceof ECKey ec) {
            if (isP256(ec.getParams())) {
                return SignatureAlgorithm.ECDSA_P256_SHA256;
            }
            throw new InvalidInputException("the EC key of role " + role + " is not on the P-256 curve (secp256r1),"
                    + " the only curve manifest signatures use");
        }
        if ("Ed25519".equalsIgnoreCase(key.getAlgorithm())
                || key instanceof EdECKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
            return SignatureAlgorithm.ED25519;
        }
        throw new InvalidInputException("the public key of role " + role + " is of an unsupported key type ("
                + key.getAlgorithm() + "); expected an Ed25519, ECDSA P-256 or RSA key");
    }

    /** Whether curve parameters are P-256's whole domain: prime field, coefficients, base point, order, cofactor 1. */
    private static boolean isP256(ECParameterSpec params) {
        return params != null && params.getCurve().getField() instanceof ECFieldFp field
                && P256_PRIME.equals(field.getP()) && P256_A.equals(params.getCurve().getA())
                && P256_B.equals(params.getCurve().getB()) && params.getGenerator() != null
                && P256_GX.equals(params.getGenerator().getAffineX()) && P256_GY.equals(params.getGenerator().getAffineY())
                && P256_ORDER.equals(params.getOrder()) && params.getCofactor() == 1;
    }

    /**
     * A public key's id, as trust files, signers ({@link Signer#keyId()}) and signatures write it:
     * the lower-case hex SHA-256 of its DER-encoded SubjectPublicKeyInfo
     * ({@link PublicKey#getEncoded()}).
     *
     * @param publicKey the key, never {@code null}
     * @return 64 lower-case hex digits
     * @throws InvalidInputException when the key has no encoding ({@code getEncoded()} returns {@code null})
     * @since 0.1
     */
    public static String keyIdOf(PublicKey publicKey) {
        byte[] encoded = Objects.requireNonNull(publicKey, "publicKey").getEncoded();
        if (encoded == null) {
            throw new InvalidInputException("the public key (" + publicKey.getAlgorithm() + ") has no encoding,"
                    + " so it has no key id");
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
