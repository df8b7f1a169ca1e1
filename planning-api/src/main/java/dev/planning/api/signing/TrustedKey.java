package dev.planning.api.signing;

import static org.apiguardian.api.API.Status.STABLE;

import java.security.PublicKey;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A public key trusted to sign for one role.
 *
 * @param role      the role it may sign for, never {@code null}
 * @param keyId     lower-case hex SHA-256 of the key's DER SubjectPublicKeyInfo, never {@code null}
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
     * @param keyId lower-case hex SHA-256 of the key's DER SubjectPublicKeyInfo, never {@code null}
     * @param algorithm the algorithm it signs with, never {@code null}
     * @param publicKey the key, never {@code null}
     */
    public TrustedKey {
        Roles.require(role);
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
