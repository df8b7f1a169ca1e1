package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One role's signature over a manifest's canonical form.
 *
 * @param role      the signing role, e.g. {@code QA}
 * @param keyId     identifies the public key (its SHA-256 fingerprint)
 * @param algorithm {@code Ed25519}, {@code ECDSA-P256-SHA256} or {@code RSA-SHA256}
 * @param value     the signature, base64
 * @param signedAt  when it was made
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record ManifestSignature(String role, String keyId, String algorithm, String value, Instant signedAt) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param role the signing role, e.g. {@code QA}
     * @param keyId identifies the public key (its SHA-256 fingerprint)
     * @param algorithm {@code Ed25519}, {@code ECDSA-P256-SHA256} or {@code RSA-SHA256}
     * @param value the signature, base64
     * @param signedAt when it was made
     */
    public ManifestSignature {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(signedAt, "signedAt");
    }
}
