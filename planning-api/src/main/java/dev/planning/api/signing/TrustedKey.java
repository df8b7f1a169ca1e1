package dev.planning.api.signing;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
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
 * PublicKey qa = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();   // or from a PEM file, an HSM, a KMS
 * TrustedKey trusted = new TrustedKey("QA", TrustedKey.keyIdOf(qa), SignatureAlgorithm.ofKey(qa), qa);
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

    /** The algorithm a key signs with, by the one allow-list ({@link SignatureAlgorithm#ofKey}), or refused naming the role. */
    private static SignatureAlgorithm algorithmOf(PublicKey key, String role) {
        String refusal = AllowedKeys.refusal(key);
        if (refusal != null) {
            throw new InvalidInputException("the public key of role " + role + " is not a key the trust model allows: "
                    + refusal + "; " + AllowedKeys.EXPECTED);
        }
        return AllowedKeys.algorithm(key);
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
