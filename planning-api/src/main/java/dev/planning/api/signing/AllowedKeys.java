package dev.planning.api.signing;

import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/**
 * The one allow-list of keys (SPEC §8) on a parsed key, public or private, for {@link SignatureAlgorithm#ofKey}:
 * every path that accepts a key (a {@link TrustedKey} built in code, a key file the engine reads, a signer made
 * from a key pair) is held to it, so that no path trusts a key another refuses (keys25: the engine held RSA keys
 * to no size where {@code TrustedKey} did, and checked P-256 with a copy of its own).
 */
final class AllowedKeys {

    /** The smallest RSA modulus allowed, in bits (NIST SP 800-57's floor; {@code keys generate} makes 3072). */
    static final int MIN_RSA_BITS = 2048;

    /**
     * P-256's domain (SEC 2, section 2.4.2): the prime, the coefficients a and b, the base point and its order.
     * The whole domain identifies the curve whatever name a provider gives it, or none (explicit parameters); the
     * order alone would let another curve with P-256's order pass (review24).
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
    private static final BigInteger P256_ORDER =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

    /** What every refusal says is expected. */
    static final String EXPECTED = "expected an Ed25519, ECDSA P-256 or RSA key (RSA of at least " + MIN_RSA_BITS
            + " bits), as `planning keys generate` makes them";

    private AllowedKeys() {
    }

    /**
     * What is wrong with a key, in words ("an RSA key that has 1024 bits, under the 2048 it needs"), or
     * {@code null} when the allow-list allows it.
     */
    static String refusal(Key key) {
        if (key instanceof RSAKey rsa) {
            if (!"RSA".equalsIgnoreCase(key.getAlgorithm())) {
                return "unsupported key type " + key.getAlgorithm();
            }
            int bits = rsa.getModulus() == null ? 0 : rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                return "an RSA key that has " + bits + " bits, under the " + MIN_RSA_BITS + " it needs";
            }
            if (key instanceof RSAPublicKey publicKey) {
                BigInteger exponent = publicKey.getPublicExponent();
                // Exponent 1 makes every padded message its own signature: anyone could sign.
                if (exponent == null || exponent.compareTo(BigInteger.valueOf(3)) < 0 || !exponent.testBit(0)) {
                    return "an RSA key whose public exponent is " + exponent + " (not odd and at least 3)";
                }
            }
            return null;
        }
        if (key instanceof ECKey ec) {
            return isP256(ec.getParams()) ? null : "an EC key whose curve parameters are not P-256's";
        }
        boolean ed25519 = key instanceof EdECKey ed
                ? ed.getParams() != null && "Ed25519".equalsIgnoreCase(ed.getParams().getName())
                : "Ed25519".equalsIgnoreCase(key.getAlgorithm());
        return ed25519 ? null : "unsupported key type " + key.getAlgorithm();
    }

    /** The algorithm of a key {@link #refusal} allows. */
    static SignatureAlgorithm algorithm(Key key) {
        return key instanceof RSAKey ? SignatureAlgorithm.RSA_SHA256
                : key instanceof ECKey ? SignatureAlgorithm.ECDSA_P256_SHA256 : SignatureAlgorithm.ED25519;
    }

    /** Whether curve parameters are P-256's whole domain: prime field, coefficients, base point, order, cofactor 1. */
    static boolean isP256(ECParameterSpec params) {
        if (params == null || params.getCurve() == null || !(params.getCurve().getField() instanceof ECFieldFp field)) {
            return false;
        }
        ECPoint g = params.getGenerator();
        return P256_PRIME.equals(field.getP()) && P256_A.equals(params.getCurve().getA())
                && P256_B.equals(params.getCurve().getB()) && g != null && P256_GX.equals(g.getAffineX())
                && P256_GY.equals(g.getAffineY()) && P256_ORDER.equals(params.getOrder()) && params.getCofactor() == 1;
    }
}
