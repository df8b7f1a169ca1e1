package dev.planning.engine.internal.signing;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.signing.SignatureAlgorithm;
import java.security.Key;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * The keys SPEC §8's trust model lets sign, as an allow-list on the parsed key (never on the PEM's
 * text): Ed25519 (no algorithm parameters, RFC 8410); ECDSA on P-256, named ({@code secp256r1}) or
 * with explicit parameters that are P-256's whole domain (field, coefficients, base point, order,
 * cofactor); RSA ({@code rsaEncryption}, parameters NULL or absent) of at least 2048 bits with an
 * odd public exponent of at least 3. Anything else (P-384, P-521, secp256k1, brainpool curves, DSA,
 * Ed448, X25519, RSASSA-PSS keys, post-quantum keys, a shorter modulus) is refused, naming the file
 * and what the key is.
 *
 * <p>Two steps, for {@link PemKeys}: {@link #requireAlgorithm} on the algorithm identifier before any
 * provider reads the key (a key of another algorithm never reaches BouncyCastle's provider, and a
 * named curve is judged by its name), then {@link #requireKey} on the key the JDK or BouncyCastle
 * built (the curve's domain, the modulus), before anything is computed with it.
 */
final class KeyAllowList {

    /** The smallest RSA modulus allowed, in bits: {@code TrustedKey}'s floor (NIST SP 800-57). */
    static final int MIN_RSA_BITS = 2048;

    private static final String ED25519 = "1.3.101.112";
    private static final String EC = "1.2.840.10045.2.1";
    private static final String RSA = "1.2.840.113549.1.1.1";

    /** Names for key algorithms BouncyCastle's name finder gives as bare OIDs or in its own words. */
    private static final Map<String, String> NAMES = Map.of(
            "1.2.840.10040.4.1", "DSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS (an RSA key restricted to PSS signatures; manifests take PKCS#1 v1.5)",
            "1.3.101.113", "Ed448",
            "1.3.101.110", "X25519 (a key-agreement key)",
            "1.3.101.111", "X448 (a key-agreement key)",
            "1.2.840.113549.1.3.1", "Diffie-Hellman (a key-agreement key)",
            "1.2.840.10046.2.1", "Diffie-Hellman (a key-agreement key)");

    private KeyAllowList() {
    }

    /**
     * Refuses a key whose algorithm identifier the trust model does not allow: another algorithm, a
     * curve named other than P-256, an EC key naming no curve, parameters an Ed25519 or RSA key does
     * not take. Explicit curve parameters are left to {@link #requireKey}, which compares the domain.
     *
     * @param at the file (and, for a trust file's key, the line and column) the key came from
     * @throws InvalidInputException located at {@code at}, naming what the key is
     */
    static void requireAlgorithm(AlgorithmIdentifier algorithm, SourceLocation at) {
        String oid = algorithm.getAlgorithm().getId();
        ASN1Encodable parameters = algorithm.getParameters();
        ASN1Primitive primitive = parameters == null ? null : parameters.toASN1Primitive();
        switch (oid) {
            case ED25519 -> {
                if (primitive != null) {
                    throw refused("an Ed25519 key with algorithm parameters, which RFC 8410 gives it none", at);
                }
            }
            case RSA -> {
                if (primitive != null && !(primitive instanceof ASN1Null)) {
                    throw refused("an RSA key whose algorithm parameters are not NULL", at);
                }
            }
            case EC -> {
                if (primitive instanceof ASN1ObjectIdentifier curve) {
                    if (!curve.equals(SECObjectIdentifiers.secp256r1)) {
                        throw refused("an ECDSA key on " + curveName(curve) + ", not on P-256", at);
                    }
                } else if (!(primitive instanceof ASN1Sequence)) {
                    throw refused("an EC key that names no curve (implicit parameters)", at);
                }
            }
            default -> throw refused("unsupported key type " + algorithmName(algorithm.getAlgorithm()), at);
        }
    }

    /**
     * Refuses a parsed key (public or private, the JDK's or BouncyCastle's) that is not one the trust
     * model allows, by the one allow-list ({@link SignatureAlgorithm#ofKey}: the whole P-256 domain, the RSA
     * bounds, the types), located at the file (and line) it came from.
     *
     * @param at the file (and, for a trust file's key, the line and column) the key came from
     * @return the algorithm the key signs with
     * @throws InvalidInputException located at {@code at}, naming what the key is
     */
    static SignatureAlgorithm requireKey(Key key, SourceLocation at) {
        try {
            return SignatureAlgorithm.ofKey(key);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.getMessage(), at);
        }
    }

    private static InvalidInputException refused(String what, SourceLocation at) {
        return new InvalidInputException("not a key the trust model allows: " + what + "; expected an Ed25519,"
                + " ECDSA P-256 or RSA key (RSA of at least " + MIN_RSA_BITS + " bits), as `planning keys generate`"
                + " makes them", at);
    }

    /** A named curve in words: {@code P-384 (secp384r1)}, {@code secp256k1}, or its OID. */
    private static String curveName(ASN1ObjectIdentifier curve) {
        String nist = NISTNamedCurves.getName(curve);
        String name = ECNamedCurveTable.getName(curve);
        if (nist != null && name != null && !nist.equals(name)) {
            return nist + " (" + name + ")";
        }
        return nist != null ? nist : name != null ? name : "the curve " + curve.getId();
    }

    /** A key algorithm in words, from its OID (digits and dots at worst: no text of the file's own). */
    private static String algorithmName(ASN1ObjectIdentifier algorithm) {
        String known = NAMES.get(algorithm.getId());
        if (known != null) {
            return known;
        }
        String found = new DefaultAlgorithmNameFinder().getAlgorithmName(algorithm);
        return found == null || found.equals(algorithm.getId()) ? "with OID " + algorithm.getId() : found;
    }
}
