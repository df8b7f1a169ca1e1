package dev.planning.api.signing;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Signs manifests on behalf of one role with one key: the SPI a PEM key file, a hardware security
 * module or a cloud KMS implements.
 *
 * <p>The engine passes {@link #sign} the exact bytes to sign (the manifest's canonical form, see
 * the sealing documentation); an implementation returns the raw signature in the encoding of its
 * {@link #algorithm()} and must not hash or transform the bytes beyond what the algorithm defines.
 *
 * <pre>{@code
 * final class KmsSigner implements Signer {
 *     public String role() { return "QA"; }
 *     public String keyId() { return fingerprintOfPublicKey; }   // lower-case hex SHA-256 of the SubjectPublicKeyInfo DER
 *     public SignatureAlgorithm algorithm() { return SignatureAlgorithm.ECDSA_P256_SHA256; }
 *     public byte[] sign(byte[] message) { return kms.asymmetricSign(keyName, sha256(message)); }
 * }
 * }</pre>
 *
 * <p>An ECDSA signer may return either of a signature's two equivalent forms (high or low
 * {@code S}, as a KMS does): the engine keeps the low-S one. The {@code planning-testkit} module's
 * {@code SignerContract} checks an implementation against the JDK's verifier, as verification will.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public interface Signer {

    /**
     * The role this signature is made for, e.g. {@code QA}; see {@link Roles}. Never {@code null}.
     *
     * @return the role this signature is made for, e.g. {@code QA}
     */
    String role();

    /**
     * The key's id: lower-case hex SHA-256 of the DER-encoded SubjectPublicKeyInfo of its public
     * key, the id trust files list it under. Never {@code null}.
     *
     * @return the key's id: lower-case hex SHA-256 of the DER-encoded SubjectPublicKeyInfo of its public key,
     *         the id trust files list it under
     */
    String keyId();

    /**
     * The algorithm of {@link #sign}. Never {@code null}.
     *
     * @return the algorithm of {@link #sign}
     */
    SignatureAlgorithm algorithm();

    /**
     * Signs a message.
     *
     * @param message the bytes to sign, never {@code null}
     * @return the signature, never {@code null}
     * @throws dev.planning.api.PlanningException when the key cannot sign
     */
    byte[] sign(byte[] message);
}
