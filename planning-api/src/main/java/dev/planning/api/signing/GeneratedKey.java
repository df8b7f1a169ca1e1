package dev.planning.api.signing;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import org.apiguardian.api.API;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A key pair written by {@link Keys#generate}: the private key (owner-only permissions where the
 * file system has them), its public key, and the trust file it was added to.
 *
 * @param role       the role the key signs for, e.g. {@code QA}
 * @param keyId      the key's id, as written in signatures and the trust file
 * @param algorithm  its algorithm
 * @param privateKey {@code ROLE.key.pem}, to keep secret
 * @param publicKey  {@code ROLE.pub.pem}
 * @param trustFile  {@code trust.yaml} in the same directory, listing the public key under the role
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GeneratedKey(String role, String keyId, SignatureAlgorithm algorithm, Path privateKey, Path publicKey,
        Path trustFile) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param role the role the key signs for, e.g. {@code QA}
     * @param keyId the key's id, as written in signatures and the trust file
     * @param algorithm its algorithm
     * @param privateKey {@code ROLE.key.pem}, to keep secret
     * @param publicKey {@code ROLE.pub.pem}
     * @param trustFile {@code trust.yaml} in the same directory, listing the public key under the role
     */
    public GeneratedKey {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(trustFile, "trustFile");
    }
}
