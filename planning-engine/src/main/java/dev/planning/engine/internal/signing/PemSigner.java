package dev.planning.engine.internal.signing;

import dev.planning.api.InvalidInputException;
import dev.planning.api.signing.Roles;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.Signer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;

/**
 * The default {@link Signer}: a private key from a PEM file, signing for one role.
 *
 * <pre>{@code
 * Signer qa = PemSigner.load("QA", Path.of("keys/QA.key.pem"));
 * workspace.sign(cycle, qa);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PemSigner implements Signer {

    private final String role;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final SignatureAlgorithm algorithm;
    private final String keyId;

    /**
     * A signer for a key pair in memory, checked as a key file's pair is checked when read ({@link #load}): both
     * halves keys the trust model allows, the private key's numbers belonging together (an RSA key's primes,
     * exponents and CRT values; an ECDSA private value between 1 and the curve's order less one), and the public
     * key the one those numbers make. A key whose numbers cannot be read (a key held in an HSM) is refused too:
     * plug in a {@link Signer} for it.
     *
     * @throws InvalidInputException when the pair fails a check, naming the role and what is wrong (never a
     *                               number of the key)
     */
    public PemSigner(String role, KeyPair pair) {
        this(role, pair, true);
    }

    /** @param check whether to check the pair ({@code false} for a pair {@link PemKeys#readPrivateKey} checked) */
    private PemSigner(String role, KeyPair pair, boolean check) {
        this.role = Roles.require(role);
        this.privateKey = Objects.requireNonNull(pair.getPrivate(), "private key");
        this.publicKey = Objects.requireNonNull(pair.getPublic(), "public key");
        this.algorithm = algorithmOf(publicKey, role);
        if (check) {
            String wrong = PemKeys.pairRefusal(pair);
            if (wrong != null) {
                throw new InvalidInputException("the key of role " + role + " is " + wrong, null);
            }
        }
        this.keyId = Crypto.keyId(publicKey);
    }

    /** The key's algorithm, or a refusal that names the role in its words: a key in memory has no file to name. */
    private static SignatureAlgorithm algorithmOf(PublicKey key, String role) {
        try {
            return Crypto.algorithmOf(key);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("the key of role " + role + " is " + e.getMessage(), null, e);
        }
    }

    /**
     * A signer for the private key in a PEM file.
     *
     * @throws dev.planning.api.InvalidInputException when the file is not a usable private key
     */
    public static PemSigner load(String role, Path keyFile) {
        return new PemSigner(role, PemKeys.readPrivateKey(keyFile), false);
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The public half of the key. */
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public byte[] sign(byte[] message) {
        return Crypto.sign(algorithm, privateKey, message);
    }
}
