package dev.planning.api.signing;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.InvalidInputException;
import java.security.Key;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The signature algorithms a manifest signature may use, with the identifier written in the
 * manifest's {@code signatures[].algorithm} and in trust files.
 *
 * <p>ECDSA signatures are DER-encoded ({@code SEQUENCE {r, s}}), as {@code openssl dgst} writes
 * and reads them; RSA signatures are PKCS#1 v1.5 over SHA-256; Ed25519 signs the message itself
 * (RFC 8032, "pure" Ed25519).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public enum SignatureAlgorithm {
    /** Ed25519 (RFC 8032). */
    ED25519("Ed25519"),
    /** ECDSA over NIST P-256 with SHA-256, DER-encoded. */
    ECDSA_P256_SHA256("ECDSA-P256-SHA256"),
    /** RSASSA-PKCS1-v1_5 with SHA-256 (keys of 3072 bits are generated). */
    RSA_SHA256("RSA-SHA256");

    private final String id;

    SignatureAlgorithm(String id) {
        this.id = id;
    }

    /**
     * The identifier written in manifests and trust files, e.g. {@code ECDSA-P256-SHA256}.
     *
     * @return the identifier written in manifests and trust files, e.g. {@code ECDSA-P256-SHA256}
     */
    public String id() {
        return id;
    }

    /**
     * The algorithm a key signs with, when it is a key the trust model allows (SPEC §8): Ed25519; ECDSA on
     * P-256, its whole domain (prime, coefficients, base point, order, cofactor 1) whatever name or none its
     * parameters carry; RSA of at least 2048 bits and, for a public key, an odd public exponent of at least 3.
     * It is the one allow-list: {@link TrustedKey} holds keys built in code to it, and the engine holds every key
     * it reads from a file or is given as a key pair to it.
     *
     * <pre>{@code
     * PublicKey qa = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();   // or from a PEM file, an HSM, a KMS
     * TrustedKey trusted = new TrustedKey("QA", TrustedKey.keyIdOf(qa), SignatureAlgorithm.ofKey(qa), qa);
     * }</pre>
     *
     * @param key a public or private key, never {@code null}
     * @return the algorithm the key signs with
     * @throws InvalidInputException naming what the key is (another curve, type, a shorter modulus, an exponent
     *                               under 3 or even) and what is expected
     * @throws NullPointerException  for a {@code null} key
     * @since 0.1
     */
    public static SignatureAlgorithm ofKey(Key key) {
        String refusal = AllowedKeys.refusal(Objects.requireNonNull(key, "key"));
        if (refusal != null) {
            throw new InvalidInputException("not a key the trust model allows: " + refusal + "; " + AllowedKeys.EXPECTED);
        }
        return AllowedKeys.algorithm(key);
    }

    /**
     * The algorithm with this identifier.
     *
     * @param id an identifier such as {@code Ed25519}
     * @return the algorithm with this identifier
     * @throws InvalidInputException naming the identifiers accepted
     */
    public static SignatureAlgorithm fromId(String id) {
        Objects.requireNonNull(id, "id");
        for (SignatureAlgorithm algorithm : values()) {
            if (algorithm.id.equals(id)) {
                return algorithm;
            }
        }
        throw new InvalidInputException("unknown signature algorithm '" + id + "'; expected one of "
                + Arrays.stream(values()).map(SignatureAlgorithm::id).collect(Collectors.joining(", ")));
    }
}
