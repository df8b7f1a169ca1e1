package dev.planning.engine.internal.signing;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;

/**
 * Whether a private key's numbers belong together, checked when its file is read rather than when a
 * signature made with it fails to verify (keys26: an {@code RSA PRIVATE KEY} whose private exponent,
 * primes or CRT values had been edited was read, and only signing refused it, as "does not verify with
 * its own key"). A key file's public key is derived from these numbers, so a private key they do not
 * make is refused here, naming what is wrong; a form that cannot be checked is refused too.
 *
 * <p>RSA: both primes greater than 1 and probably prime (the JDK's {@link BigInteger#isProbablePrime}),
 * their product the modulus, the private exponent the public one's inverse modulo lcm(p-1, q-1)
 * (RFC 8017, section 3.2), and the CRT values {@code d mod (p-1)}, {@code d mod (q-1)} and
 * {@code q^-1 mod p}. ECDSA: the private value between 1 and the curve's order less one (SEC 1, section
 * 3.2.1). Ed25519: any 32-byte seed is a key.
 */
final class PrivateNumbers {

    /** The error probability of the primality test, 2^-CERTAINTY: a product of two primes passes for sure. */
    private static final int CERTAINTY = 64;

    private PrivateNumbers() {
    }

    /**
     * What is wrong with the key's numbers, in words for a user, or {@code null} when they belong together.
     * A key of another form (an RSA key without its primes, an Ed25519 key without its seed) is wrong too: its
     * numbers cannot be checked.
     */
    static String refusal(PrivateKey key) {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return rsaRefusal(rsa);
        }
        if (key instanceof RSAPrivateKey) {
            return "an RSA private key without its primes and CRT values, so its private exponent cannot be checked"
                    + " against its modulus";
        }
        if (key instanceof ECPrivateKey ec) {
            BigInteger s = ec.getS();
            BigInteger order = ec.getParams().getOrder();
            if (s.signum() <= 0) {
                return "its private value is " + (s.signum() == 0 ? "0" : "negative") + ", and an ECDSA private value"
                        + " lies between 1 and the curve's order less one";
            }
            if (s.compareTo(order) >= 0) {
                return "its private value is not less than the curve's order, and an ECDSA private value lies between"
                        + " 1 and the order less one";
            }
            return null;
        }
        if (key instanceof EdECPrivateKey ed) {
            return ed.getBytes().isPresent() ? null : "an Ed25519 private key without its seed";
        }
        if (key instanceof org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey) {
            return null;
        }
        return "a private key of a form whose numbers cannot be checked (" + key.getAlgorithm() + ")";
    }

    private static String rsaRefusal(RSAPrivateCrtKey key) {
        BigInteger n = key.getModulus();
        BigInteger e = key.getPublicExponent();
        BigInteger d = key.getPrivateExponent();
        BigInteger p = key.getPrimeP();
        BigInteger q = key.getPrimeQ();
        if (p == null || q == null || e == null || d == null || key.getPrimeExponentP() == null
                || key.getPrimeExponentQ() == null || key.getCrtCoefficient() == null) {
            return "an RSA private key without its primes and CRT values, so its private exponent cannot be checked"
                    + " against its modulus";
        }
        if (p.compareTo(BigInteger.ONE) <= 0 || q.compareTo(BigInteger.ONE) <= 0 || !p.multiply(q).equals(n)) {
            return "its modulus is not the product of its two primes";
        }
        if (p.equals(q) || !p.isProbablePrime(CERTAINTY) || !q.isProbablePrime(CERTAINTY)) {
            return "its two primes are not two distinct primes";
        }
        BigInteger pMinus1 = p.subtract(BigInteger.ONE);
        BigInteger qMinus1 = q.subtract(BigInteger.ONE);
        BigInteger lambda = pMinus1.divide(pMinus1.gcd(qMinus1)).multiply(qMinus1);
        if (d.signum() <= 0 || !e.multiply(d).mod(lambda).equals(BigInteger.ONE)) {
            return "its private exponent is not the inverse of its public exponent modulo lcm(p-1, q-1)";
        }
        if (!key.getPrimeExponentP().equals(d.mod(pMinus1)) || !key.getPrimeExponentQ().equals(d.mod(qMinus1))) {
            return "its CRT exponents are not its private exponent modulo p-1 and q-1";
        }
        BigInteger coefficient = key.getCrtCoefficient();
        if (coefficient.signum() <= 0 || coefficient.compareTo(p) >= 0
                || !coefficient.multiply(q).mod(p).equals(BigInteger.ONE)) {
            return "its CRT coefficient is not the inverse of q modulo p";
        }
        return null;
    }
}
